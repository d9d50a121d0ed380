package dev.autoprune.graph;

import dev.autoprune.layers.ChannelMaskLayer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where a network's input types come from: recorded, then the configuration, then the input arrays; else empty. */
class InputTypesTest {

    private static MultiLayerConfiguration conf(InputType built) {
        return new NeuralNetConfiguration.Builder().seed(1).list()
                .layer(new ConvolutionLayer.Builder(3, 3).name("c").nOut(4).activation(Activation.RELU).build())
                .layer(new ChannelMaskLayer.Builder().name("m").build())
                .layer(new OutputLayer.Builder().nOut(2).activation(Activation.SOFTMAX).build())
                .setInputType(built).build();
    }

    private static ChannelMaskLayer mask(MultiLayerConfiguration conf) {
        return (ChannelMaskLayer) conf.getConf(1).getLayer();
    }

    @Test
    void emptyWhenNothingTells() {
        MultiLayerNetwork net = new MultiLayerNetwork(conf(InputType.convolutional(6, 6, 1)));
        net.init();
        assertTrue(InputTypes.of(net).isEmpty());
        assertTrue(InputTypes.of(net.getLayerWiseConfigurations()).isEmpty());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ChannelGroups.of(net));
        assertTrue(e.getMessage().contains("input type"), e.getMessage());
    }

    @Test
    void theConfigurationTellsAFlatImageType() {
        MultiLayerConfiguration c = conf(InputType.convolutionalFlat(6, 6, 1));
        assertArrayEquals(new InputType[] {InputType.convolutionalFlat(6, 6, 1)}, InputTypes.of(c).orElseThrow());
    }

    @Test
    void theHeldInputArrayTellsWhenTheConfigurationDoesNot() {
        MultiLayerNetwork net = new MultiLayerNetwork(conf(InputType.convolutional(6, 6, 1)));
        net.init();
        net.setInput(Nd4j.rand(DataType.FLOAT, 2, 1, 6, 6));
        assertArrayEquals(new InputType[] {InputType.convolutional(6, 6, 1)}, InputTypes.of(net).orElseThrow());
    }

    @Test
    void recordedTypesComeFirst() {
        MultiLayerConfiguration c = conf(InputType.convolutionalFlat(6, 6, 1));
        InputType recorded = InputType.convolutional(6, 6, 1);
        mask(c).recordInputTypes(recorded);
        assertArrayEquals(new InputType[] {recorded}, InputTypes.of(c).orElseThrow());
        MultiLayerNetwork net = new MultiLayerNetwork(c);
        net.init();
        net.setInput(Nd4j.rand(DataType.FLOAT, 2, 1, 9, 9));
        assertArrayEquals(new InputType[] {recorded}, InputTypes.of(net).orElseThrow());
    }

    @Test
    void recordedTypesOfTheWrongCountAreNotUsed() {
        MultiLayerConfiguration c = conf(InputType.convolutional(6, 6, 1));
        mask(c).recordInputTypes(InputType.convolutional(6, 6, 1), InputType.convolutional(6, 6, 1));
        assertTrue(InputTypes.of(c).isEmpty(), "a MultiLayerNetwork has one input");
    }
}

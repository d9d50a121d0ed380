package dev.autoprune.layers;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The gradient checks of {@link GradientCheckTest} on NHWC activations, whose channel axis is the last one. */
class NhwcGradientCheckTest {

    private static final InputType NHWC = InputType.convolutional(6, 6, 2, CNN2DFormat.NHWC);

    @BeforeAll
    static void doublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    private static void assertPasses(MultiLayerConfiguration conf) {
        MultiLayerNetwork net = TestNets.init(conf);
        GradientCheckTest.randomScores(net, 5);
        assertTrue(GradientCheckTest.check(net, new long[] {3, 6, 6, 2}, 3), "gradient check failed");
    }

    @Test
    void convThenMask() {
        assertPasses(TestNets.base(DataType.DOUBLE, TestNets.noOp(), 12345)
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.TANH).build())
                .layer(new ChannelMaskLayer.Builder().name("mask").maskMode(MaskMode.SOFT).learnable(true)
                        .initialRatio(0.6).build())
                .layer(new DenseLayer.Builder().nOut(5).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(NHWC).build());
    }

    @Test
    void maskedConvolution() {
        assertPasses(TestNets.base(DataType.DOUBLE, TestNets.noOp(), 99)
                .layer(new MaskedConvolutionLayer.Builder(3, 3).name("mconv").nOut(5).activation(Activation.TANH)
                        .maskMode(MaskMode.SOFT).learnable(true).initialRatio(0.6).build())
                .layer(new ConvolutionLayer.Builder(2, 2).nOut(3).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(NHWC).build());
    }
}

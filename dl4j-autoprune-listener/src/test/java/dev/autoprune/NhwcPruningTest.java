package dev.autoprune;

import dev.autoprune.graph.ChannelGroups;
import dev.autoprune.graph.UnsupportedLayer;
import dev.autoprune.listener.AutoPruneListener;
import dev.autoprune.zoo.ZooNet;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * NHWC networks (a Keras model imported with TensorFlow's channel order is NHWC) are analysed, masked
 * and compacted like NCHW ones: the masks act on the last axis, flattening keeps DL4J's [h, w, c]
 * order. Mixed formats are reported with the fix.
 */
class NhwcPruningTest {

    private static final InputType IN = InputType.convolutional(12, 12, 1, CNN2DFormat.NHWC);

    private static NeuralNetConfiguration.Builder base() {
        return new NeuralNetConfiguration.Builder().seed(5).dataType(DataType.FLOAT).weightInit(WeightInit.XAVIER)
                .convolutionMode(ConvolutionMode.Same);
    }

    /** The net: conv-BN-pool-conv, then dense and output, all NHWC. */
    static MultiLayerConfiguration lenet() {
        return base().list()
                .layer(new ConvolutionLayer.Builder(3, 3).name("c1").nOut(6).activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().name("bn1").build())
                .layer(new ActivationLayer.Builder().name("a1").activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).name("p1").kernelSize(2, 2).stride(2, 2).build())
                .layer(new ConvolutionLayer.Builder(3, 3).name("c2").nOut(8).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().name("d1").nOut(10).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("out").nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(IN).build();
    }

    static ComputationGraphConfiguration residual() {
        return base().graphBuilder().addInputs("in")
                .addLayer("c1", new ConvolutionLayer.Builder(3, 3).nOut(8).activation(Activation.IDENTITY).build(), "in")
                .addLayer("bn1", new BatchNormalization.Builder().build(), "c1")
                .addLayer("a1", new ActivationLayer(Activation.RELU), "bn1")
                .addLayer("c2", new ConvolutionLayer.Builder(3, 3).nOut(6).activation(Activation.RELU).build(), "a1")
                .addLayer("c3", new ConvolutionLayer.Builder(3, 3).nOut(8).activation(Activation.IDENTITY).build(), "c2")
                .addLayer("bn3", new BatchNormalization.Builder().build(), "c3")
                .addVertex("add", new ElementWiseVertex(ElementWiseVertex.Op.Add), "a1", "bn3")
                .addLayer("a3", new ActivationLayer(Activation.RELU), "add")
                .addLayer("c4", new ConvolutionLayer.Builder(1, 1).nOut(5).activation(Activation.RELU).build(), "a3")
                .addLayer("gp", new GlobalPoolingLayer(PoolingType.AVG), "c4")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "gp")
                .setOutputs("out").setInputTypes(IN).build();
    }

    private static void prunableThenCompact(ZooNet net) {
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, 12, 12, 1).subi(0.5);
        INDArray before = net.output(x)[0];
        ZooNet p = net.prunable();
        assertTrue(p.groups().masked().size() >= 2, p.groups().toString());
        assertTrue(p.groups().unsupported().isEmpty(), p.groups().unsupported().toString());
        assertArrayEquals(before.data().asFloat(), p.output(x)[0].data().asFloat(), "prunable keeps the outputs");
        Map<String, Integer> kept = p.randomHardMasks(new Random(9));
        INDArray hard = p.output(x)[0];
        assertTrue(hard.sub(before).amaxNumber().doubleValue() > 0, "the HARD masks change the output");
        ZooNet small = p.compact();
        assertEquals(0, hard.sub(small.output(x)[0]).amaxNumber().doubleValue(), 1e-5, "kept " + kept);
    }

    @Test
    void nhwcLeNetIsPrunedAndCompactedExactly() {
        Nd4j.getRandom().setSeed(1);
        MultiLayerNetwork net = new MultiLayerNetwork(lenet());
        net.init();
        prunableThenCompact(new ZooNet(net, IN));
        MultiLayerConfiguration masked = AutoPrune.prunable(lenet(), PrunableOptions.builder().inputTypes(IN).build());
        ChannelGroups groups = ChannelGroups.of(masked, IN);
        assertEquals(2, groups.masked().size(), groups.toString());
    }

    @Test
    void nhwcResidualGraphIsPrunedAndCompactedExactly() {
        Nd4j.getRandom().setSeed(2);
        ComputationGraph net = new ComputationGraph(residual());
        net.init();
        prunableThenCompact(new ZooNet(net, IN));
    }

    @Test
    void listenerPrunesAnNhwcNetworkThatCompactsExactly() {
        Nd4j.getRandom().setSeed(4);
        MultiLayerNetwork plain = new MultiLayerNetwork(lenet());
        plain.init();
        List<DataSet> batches = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            INDArray labels = Nd4j.zeros(DataType.FLOAT, 8, 3);
            for (int r = 0; r < 8; r++) {
                labels.putScalar(r, r % 3, 1);
            }
            batches.add(new DataSet(Nd4j.rand(DataType.FLOAT, 8, 12, 12, 1), labels));
        }
        // The plain network holds an NHWC batch, so prunable reads its input type off that array in the
        // first convolution's format ([mb, H, W, C]) and records it for the listener.
        plain.setInput(batches.get(0).getFeatures());
        MultiLayerNetwork net = AutoPrune.prunable(plain);
        AutoPruneListener pruner = AutoPruneListener.builder().targetFlops(0.5).lambda(5)
                .ratioUpdater(new Adam(0.5)).warmupEpochs(0).maxSearchEpochs(10).fineTuneEpochs(1).build();
        net.addListeners(pruner);
        for (int epoch = 0; epoch < 11 && !pruner.isDone(); epoch++) {
            net.fit(new ListDataSetIterator<>(batches, 8));
        }
        assertTrue(pruner.isDone());
        assertTrue(pruner.hardFraction() < 1, "pruned " + pruner.hardFraction());
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, 12, 12, 1);
        MultiLayerNetwork small = ChannelPruner.compact(net);
        assertEquals(0, net.output(x).sub(small.output(x)).amaxNumber().doubleValue(), 1e-5);
        assertTrue(small.numParams() < plain.numParams());
    }

    @Test
    void mixedFormatsAreReportedWithTheFix() {
        MultiLayerConfiguration conf = base().list()
                .layer(new ConvolutionLayer.Builder(3, 3).name("c1").nIn(2).nOut(6).dataFormat(CNN2DFormat.NCHW).build())
                .layer(new ConvolutionLayer.Builder(3, 3).name("c2").nIn(6).nOut(4).dataFormat(CNN2DFormat.NHWC).build())
                .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).name("gp").build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("out").nIn(4).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .build();
        ChannelGroups groups = ChannelGroups.of(conf, InputType.convolutional(8, 8, 2));
        UnsupportedLayer u = groups.unsupported().get(0);
        assertTrue(u.reason().contains("mixed formats"), u.toString());
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> AutoPrune.prunable(conf, PrunableOptions.builder().inputTypes(InputType.convolutional(8, 8, 2)).build()));
        assertTrue(refused.getMessage().contains("mixed formats"), refused.getMessage());
    }
}

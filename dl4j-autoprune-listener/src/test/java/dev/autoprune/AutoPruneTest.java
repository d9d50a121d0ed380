package dev.autoprune;

import dev.autoprune.graph.ChannelGroups;
import dev.autoprune.layers.ChannelMaskLayer;
import dev.autoprune.layers.MaskMode;
import dev.autoprune.layers.MaskableLayerConfig;
import dev.autoprune.layers.MaskedConvolutionLayer;
import dev.autoprune.layers.MaskedLayer;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
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
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AutoPruneTest {

    // ---- networks ----

    /** LeNet-style: conv(relu) -> pool -> conv(relu) -> pool -> dense -> out. */
    static MultiLayerConfiguration lenet() {
        return new NeuralNetConfiguration.Builder().seed(1).updater(new Adam(1e-3)).weightInit(WeightInit.XAVIER).list()
                .layer(new ConvolutionLayer.Builder(5, 5).name("c1").nOut(6).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(2, 2).stride(2, 2).build())
                .layer(new ConvolutionLayer.Builder(3, 3).name("c2").nOut(8).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(2, 2).stride(2, 2).build())
                .layer(new DenseLayer.Builder().name("fc").nOut(12).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(16, 16, 1)).build();
    }

    /** conv -> BN -> relu -> conv -> BN -> relu -> global pool -> out. */
    static MultiLayerConfiguration vggBn() {
        return new NeuralNetConfiguration.Builder().seed(2).updater(new Adam(1e-3)).list()
                .layer(new ConvolutionLayer.Builder(3, 3).name("c1").nOut(8).padding(1, 1)
                        .activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().name("bn1").build())
                .layer(new ActivationLayer.Builder().name("a1").activation(Activation.RELU).build())
                .layer(new ConvolutionLayer.Builder(3, 3).name("c2").nOut(10).padding(1, 1)
                        .activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().name("bn2").build())
                .layer(new ActivationLayer.Builder().name("a2").activation(Activation.RELU).build())
                .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("out").nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(8, 8, 2)).build();
    }

    /** stem conv-BN-relu, one residual block with identity shortcut, global pool, out. */
    static ComputationGraphConfiguration residual() {
        return new NeuralNetConfiguration.Builder().seed(3).updater(new Adam(1e-3)).graphBuilder()
                .addInputs("in")
                .addLayer("stem", new ConvolutionLayer.Builder(3, 3).nOut(8).padding(1, 1)
                        .activation(Activation.IDENTITY).build(), "in")
                .addLayer("stem_bn", new BatchNormalization.Builder().build(), "stem")
                .addLayer("stem_relu", new ActivationLayer.Builder().activation(Activation.RELU).build(), "stem_bn")
                .addLayer("b1", new ConvolutionLayer.Builder(3, 3).nOut(6).padding(1, 1)
                        .activation(Activation.IDENTITY).build(), "stem_relu")
                .addLayer("b1_bn", new BatchNormalization.Builder().build(), "b1")
                .addLayer("b1_relu", new ActivationLayer.Builder().activation(Activation.RELU).build(), "b1_bn")
                .addLayer("b2", new ConvolutionLayer.Builder(3, 3).nOut(8).padding(1, 1)
                        .activation(Activation.IDENTITY).build(), "b1_relu")
                .addLayer("b2_bn", new BatchNormalization.Builder().build(), "b2")
                .addVertex("add", new ElementWiseVertex(ElementWiseVertex.Op.Add), "b2_bn", "stem_relu")
                .addLayer("add_relu", new ActivationLayer.Builder().activation(Activation.RELU).build(), "add")
                .addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "add_relu")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "pool")
                .setOutputs("out")
                .setInputTypes(InputType.convolutional(8, 8, 2)).build();
    }

    /** lenet() and vggBn() are built with InputType.convolutional, which DL4J forgets: prunable needs them. */
    static PrunableOptions.Builder lenetOptions() {
        return PrunableOptions.builder().inputTypes(InputType.convolutional(16, 16, 1));
    }

    static PrunableOptions.Builder vggOptions() {
        return PrunableOptions.builder().inputTypes(InputType.convolutional(8, 8, 2));
    }

    private static List<String> maskNames(MultiLayerConfiguration conf) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < conf.getConfs().size(); i++) {
            if (conf.getConf(i).getLayer() instanceof MaskableLayerConfig m) {
                out.add(m.getLayerName());
            }
        }
        return out;
    }

    private static MultiLayerNetwork trained(MultiLayerConfiguration conf, long[] shape, int classes) {
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        Nd4j.getRandom().setSeed(4);
        INDArray x = Nd4j.rand(DataType.FLOAT, shape);
        INDArray y = Nd4j.zeros(DataType.FLOAT, shape[0], classes);
        for (int i = 0; i < shape[0]; i++) {
            y.putScalar(i, i % classes, 1);
        }
        for (int i = 0; i < 3; i++) {
            net.fit(new DataSet(x, y));
        }
        return net;
    }

    // ---- configuration conversion ----

    @Test
    void lenetMasksGoInsideTheConvolutions() {
        MultiLayerConfiguration conf = lenet();
        String before = conf.toJson();
        MultiLayerConfiguration p = AutoPrune.prunable(conf, lenetOptions().build());
        assertEquals(before, conf.toJson(), "the input configuration must not change");
        assertTrue(p.getConf(0).getLayer() instanceof MaskedConvolutionLayer);
        assertTrue(p.getConf(2).getLayer() instanceof MaskedConvolutionLayer);
        assertEquals(List.of("c1", "c2"), maskNames(p));
        assertEquals(6, p.getConfs().size(), "no layer added: the masks live inside the convolutions");
        MaskedConvolutionLayer c2 = (MaskedConvolutionLayer) p.getConf(2).getLayer();
        ConvolutionLayer orig = (ConvolutionLayer) conf.getConf(2).getLayer();
        assertArrayEquals(orig.getKernelSize(), c2.getKernelSize());
        assertEquals(orig.getNOut(), c2.getNOut());
        assertEquals(orig.getActivationFn(), c2.getActivationFn());
        assertEquals(orig.getIUpdater(), c2.getIUpdater());
        assertEquals(MaskMode.IDENTITY, c2.getMaskSettings().getMode());
        // The converted configuration round-trips through JSON and builds.
        assertEquals(p, MultiLayerConfiguration.fromJson(p.toJson()));
        new MultiLayerNetwork(p).init();
    }

    @Test
    void vggMasksGoAfterBatchNormAndActivation() {
        MultiLayerConfiguration p = AutoPrune.prunable(vggBn(), vggOptions().build());
        List<String> names = new ArrayList<>();
        for (int i = 0; i < p.getConfs().size(); i++) {
            names.add(p.getConf(i).getLayer().getLayerName());
        }
        assertEquals(List.of("c1", "bn1", "a1", "a1_mask", "c2", "bn2", "a2", "a2_mask", "layer6", "out"), names);
        assertTrue(p.getConf(3).getLayer() instanceof ChannelMaskLayer);
        assertEquals(8, ((ChannelMaskLayer) p.getConf(3).getLayer()).getNOut());
        ChannelGroups.of(p, InputType.convolutional(8, 8, 2)).validate();
    }

    @Test
    void trainedNetworkOutputsAreBitForBitUnchanged() {
        for (MultiLayerConfiguration conf : List.of(lenet(), vggBn())) {
            long[] shape = conf == null ? null : conf.getConf(0).getLayer() instanceof ConvolutionLayer c
                    && c.getNIn() == 1 ? new long[] {5, 1, 16, 16} : new long[] {5, 2, 8, 8};
            MultiLayerNetwork net = trained(conf, shape, 3);
            String json = net.getLayerWiseConfigurations().toJson();
            INDArray params = net.params().dup();
            MultiLayerNetwork p = AutoPrune.prunable(net);
            assertEquals(json, net.getLayerWiseConfigurations().toJson());
            assertEquals(params, net.params());
            INDArray x = Nd4j.rand(DataType.FLOAT, shape);
            assertArrayEquals(net.output(x).dup().data().asFloat(), p.output(x).dup().data().asFloat());
            assertEquals(net.getIterationCount(), p.getIterationCount());
        }
    }

    @Test
    void aPrunableGraphKeepsItsTrainingHistoryAsAPrunableMultiLayerNetworkDoes() {
        // The listener skips the warm-up of a trained network and anneals over the first search epoch from
        // this history; a graph's prunable copy used to start at iteration 0, epoch 0.
        ComputationGraph net = new ComputationGraph(residual());
        net.init();
        DataSet batch = new DataSet(Nd4j.rand(DataType.FLOAT, 3, 2, 8, 8), Nd4j.eye(3).castTo(DataType.FLOAT));
        for (int epoch = 0; epoch < 2; epoch++) {
            for (int i = 0; i < 3; i++) {
                net.fit(batch);
            }
            net.incrementEpochCount();
        }
        ComputationGraph p = AutoPrune.prunable(net, PrunableOptions.builder()
                .inputTypes(InputType.convolutional(8, 8, 2)).build());
        assertEquals(6, p.getIterationCount());
        assertEquals(2, p.getEpochCount());
    }

    @Test
    void residualBlockGetsTiedMasksAndKeepsOutputs() {
        ComputationGraph net = new ComputationGraph(residual());
        net.init();
        ComputationGraph p = AutoPrune.prunable(net, PrunableOptions.builder()
                .inputTypes(InputType.convolutional(8, 8, 2)).build());
        ChannelGroups groups = ChannelGroups.of(p, InputType.convolutional(8, 8, 2)).validate();
        // stem and b2 are coupled through the add: one group, masks tied.
        List<String> tiedSizes = new ArrayList<>();
        groups.masked().forEach(g -> tiedSizes.add(g.maskNames().size() + ":" + g.channels()));
        assertTrue(tiedSizes.contains("2:8"), "coupled stem/add group should have two tied masks: " + tiedSizes);
        assertTrue(tiedSizes.contains("1:6"), tiedSizes.toString());
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, 2, 8, 8);
        assertArrayEquals(net.outputSingle(x).dup().data().asFloat(), p.outputSingle(x).dup().data().asFloat());
        for (Layer l : p.getLayers()) {
            if (l instanceof MaskedLayer m) {
                assertEquals(MaskMode.IDENTITY, m.maskConfig().getMaskSettings().getMode());
            }
        }
    }

    // ---- options ----

    @Test
    void optionsExcludeAndBoundLayers() {
        MultiLayerConfiguration p = AutoPrune.prunable(vggBn(), vggOptions().exclude("c1").build());
        assertEquals(List.of("a2_mask"), maskNames(p));
        p = AutoPrune.prunable(vggBn(), vggOptions().excludeIndices(3).build());
        assertEquals(List.of("a1_mask"), maskNames(p));
        p = AutoPrune.prunable(vggBn(), vggOptions().minChannels(3).minChannels("c2", 5)
                .channelMultiple(2).build());
        assertEquals(3, ((ChannelMaskLayer) p.getConf(3).getLayer()).getMaskSettings().getMinChannels());
        assertEquals(5, ((ChannelMaskLayer) p.getConf(7).getLayer()).getMaskSettings().getMinChannels());
        assertEquals(2, ((ChannelMaskLayer) p.getConf(7).getLayer()).getMaskSettings().getChannelMultiple());
        p = AutoPrune.prunable(vggBn(), vggOptions().maxPruneFraction(0.5).maxPruneFraction("c2", 0.3).build());
        assertEquals(4, ((ChannelMaskLayer) p.getConf(3).getLayer()).getMaskSettings().getMinChannels()); // 8 * 0.5
        assertEquals(7, ((ChannelMaskLayer) p.getConf(7).getLayer()).getMaskSettings().getMinChannels()); // ceil(10 * 0.7)
        p = AutoPrune.prunable(vggBn(), vggOptions().keepInputLayer(true).build());
        assertEquals(List.of("a2_mask"), maskNames(p));
        p = AutoPrune.prunable(vggBn(), vggOptions().keepOutputFeeding(true).build());
        assertEquals(List.of("a1_mask"), maskNames(p));
        assertFalse(maskNames(AutoPrune.prunable(lenet(), lenetOptions().build())).contains("fc"));
        assertTrue(maskNames(AutoPrune.prunable(lenet(), lenetOptions().pruneDense(true).build()))
                .stream().anyMatch(n -> n.startsWith("fc")));
    }

    @Test
    void badOptionsAndNetworksAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> PrunableOptions.builder().minChannels(0));
        assertThrows(IllegalArgumentException.class, () -> PrunableOptions.builder().maxPruneFraction(0));
        assertThrows(IllegalArgumentException.class, () -> PrunableOptions.builder().maxPruneFraction("c1", 1.5));
        assertThrows(IllegalArgumentException.class, () -> PrunableOptions.builder().channelMultiple(0));
        assertThrows(IllegalArgumentException.class, () -> PrunableOptions.builder().excludeIndices(-1));
        MultiLayerConfiguration masked = AutoPrune.prunable(vggBn(), vggOptions().build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AutoPrune.prunable(masked));
        assertTrue(e.getMessage().contains("already has channel masks"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> AutoPrune.prunable(vggBn(), vggOptions().exclude("c1", "c2").build()));
        assertTrue(e.getMessage().contains("No prunable channel group"), e.getMessage());
    }
}

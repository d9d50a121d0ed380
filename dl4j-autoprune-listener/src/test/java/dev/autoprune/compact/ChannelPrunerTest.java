package dev.autoprune.compact;

import dev.autoprune.ChannelPruner;
import dev.autoprune.flops.FlopsCounter;
import dev.autoprune.graph.ChannelGroups;
import dev.autoprune.graph.TestNetworks;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.LocalResponseNormalization;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.File;
import java.io.IOException;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChannelPrunerTest {

    private static final double TOL = 1e-5;

    private static MultiLayerNetwork prepared(MultiLayerConfiguration conf, InputType in, long seed,
                                              Map<String, Integer>[] keptOut) {
        Nd4j.getRandom().setSeed(seed);
        MultiLayerNetwork net = TestNetworks.init(conf);
        ChannelGroups groups = ChannelGroups.of(net, in);
        keptOut[0] = MaskFixtures.randomMasks(groups, n -> MaskedLayerLookup.of(net, groups.graph().node(n)), new Random(seed));
        for (org.deeplearning4j.nn.api.Layer l : net.getLayers()) {
            MaskFixtures.randomBatchNorm(l, new Random(seed));
        }
        return net;
    }

    private static ComputationGraph prepared(org.deeplearning4j.nn.conf.ComputationGraphConfiguration conf, long seed,
                                             Map<String, Integer>[] keptOut) {
        Nd4j.getRandom().setSeed(seed);
        ComputationGraph net = TestNetworks.init(conf);
        ChannelGroups groups = ChannelGroups.of(net, TestNetworks.RGB8);
        keptOut[0] = MaskFixtures.randomMasks(groups, n -> MaskedLayerLookup.of(net, groups.graph().node(n)), new Random(seed));
        for (org.deeplearning4j.nn.api.Layer l : net.getLayers()) {
            MaskFixtures.randomBatchNorm(l, new Random(seed));
        }
        return net;
    }

    private static void assertClose(INDArray expected, INDArray actual) {
        assertEquals(expected.shapeInfoToString().split("Rank")[0], actual.shapeInfoToString().split("Rank")[0]);
        double diff = expected.sub(actual).amaxNumber().doubleValue();
        assertTrue(diff < TOL, "max |difference| " + diff);
    }

    @SuppressWarnings("unchecked")
    private static void checkMultiLayer(MultiLayerConfiguration conf, InputType in, long[] xShape, long seed) {
        Map<String, Integer>[] kept = new Map[1];
        MultiLayerNetwork net = prepared(conf, in, seed, kept);
        INDArray x = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, xShape).subi(0.5);
        INDArray before = net.params().dup();
        INDArray expected = net.output(x);
        MultiLayerNetwork small = ChannelPruner.compact(net, in);
        assertClose(expected, small.output(x));
        assertEquals(before, net.params(), "the input network is untouched");
        assertFalse(small.getLayerWiseConfigurations().toJson().contains("dev.autoprune"));
        FlopsCounter masked = FlopsCounter.of(net.getLayerWiseConfigurations(), in);
        FlopsCounter plain = FlopsCounter.of(small.getLayerWiseConfigurations(), in);
        assertEquals(masked.hardFlops(kept[0]), plain.totalFlops());
        assertEquals(masked.hardParams(kept[0]), small.numParams());
        assertTrue(small.numParams() < net.numParams());
    }

    @SuppressWarnings("unchecked")
    private static ComputationGraph checkGraph(org.deeplearning4j.nn.conf.ComputationGraphConfiguration conf, long seed) {
        Map<String, Integer>[] kept = new Map[1];
        ComputationGraph net = prepared(conf, seed, kept);
        INDArray x = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 3, 3, 8, 8).subi(0.5);
        INDArray before = net.params().dup();
        INDArray expected = net.outputSingle(x);
        ComputationGraph small = ChannelPruner.compact(net, TestNetworks.RGB8);
        assertClose(expected, small.outputSingle(x));
        assertEquals(before, net.params(), "the input network is untouched");
        assertFalse(small.getConfiguration().toJson().contains("dev.autoprune"));
        FlopsCounter masked = FlopsCounter.of(net.getConfiguration(), TestNetworks.RGB8);
        FlopsCounter plain = FlopsCounter.of(small.getConfiguration(), TestNetworks.RGB8);
        assertEquals(masked.hardFlops(kept[0]), plain.totalFlops());
        assertEquals(masked.hardParams(kept[0]), small.numParams());
        return small;
    }

    @Test
    void lenet() {
        for (long seed = 1; seed <= 3; seed++) {
            checkMultiLayer(TestNetworks.lenet(), TestNetworks.LENET_INPUT, new long[] {4, 256}, seed);
        }
    }

    @Test
    void vggWithBatchNorm() {
        for (long seed = 1; seed <= 3; seed++) {
            checkMultiLayer(TestNetworks.vggBn(), TestNetworks.RGB8, new long[] {3, 3, 8, 8}, seed);
        }
    }

    @Test
    void depthwiseSeparable() {
        for (long seed = 1; seed <= 3; seed++) {
            checkMultiLayer(TestNetworks.separable(), TestNetworks.RGB8, new long[] {3, 3, 8, 8}, seed);
        }
    }

    @Test
    void residualGraph() {
        for (long seed = 1; seed <= 3; seed++) {
            checkGraph(TestNetworks.resnet(), seed);
        }
    }

    @Test
    void inceptionGraph() {
        for (long seed = 1; seed <= 3; seed++) {
            checkGraph(TestNetworks.inception(), seed);
        }
    }

    @Test
    void savesWithModelSerializerAndFineTunes(@TempDir File dir) throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, Integer>[] kept = new Map[1];
        MultiLayerNetwork net = prepared(TestNetworks.vggBn(), TestNetworks.RGB8, 5, kept);
        MultiLayerNetwork small = ChannelPruner.compact(net, TestNetworks.RGB8);
        File f = new File(dir, "small.zip");
        ModelSerializer.writeModel(small, f, true);
        MultiLayerNetwork loaded = ModelSerializer.restoreMultiLayerNetwork(f);
        INDArray x = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 2, 3, 8, 8);
        assertEquals(small.output(x), loaded.output(x));
        DataSet ds = new DataSet(x, Nd4j.createFromArray(new float[][] {{1, 0, 0, 0}, {0, 1, 0, 0}}));
        INDArray p0 = loaded.params().dup();
        loaded.fit(ds);
        assertFalse(p0.equals(loaded.params()), "fine-tuning changes the weights");

        @SuppressWarnings("unchecked")
        Map<String, Integer>[] k2 = new Map[1];
        ComputationGraph g = ChannelPruner.compact(prepared(TestNetworks.resnet(), 6, k2), TestNetworks.RGB8);
        File fg = new File(dir, "graph.zip");
        ModelSerializer.writeModel(g, fg, true);
        ComputationGraph gl = ModelSerializer.restoreComputationGraph(fg);
        assertEquals(g.outputSingle(x), gl.outputSingle(x));
    }

    @Test
    void frozenLayersStayFrozen() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().list()
                .layer(new FrozenLayer(new ConvolutionLayer.Builder(3, 3).name("c0").nOut(5).build()))
                .layer(TestNetworks.mask("m0"))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(2).build())
                .setInputType(InputType.convolutional(5, 5, 2)).build();
        @SuppressWarnings("unchecked")
        Map<String, Integer>[] kept = new Map[1];
        MultiLayerNetwork net = prepared(conf, InputType.convolutional(5, 5, 2), 3, kept);
        INDArray x = Nd4j.rand(2, 2, 5, 5);
        MultiLayerNetwork small = ChannelPruner.compact(net, InputType.convolutional(5, 5, 2));
        assertClose(net.output(x), small.output(x));
        assertTrue(small.getLayerWiseConfigurations().getConf(0).getLayer() instanceof FrozenLayer);
        assertEquals(kept[0].get("m0").longValue(),
                ((ConvolutionLayer) ((FrozenLayer) small.getLayerWiseConfigurations().getConf(0).getLayer()).getLayer())
                        .getNOut());
    }

    // ---- refusals ----

    @Test
    void refusesANetworkWithoutMasks() {
        MultiLayerNetwork net = TestNetworks.init(TestNetworks.lenetPlain(4, 4, 4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ChannelPruner.compact(net));
        assertTrue(e.getMessage().contains("no channel masks"), e.getMessage());
    }

    @Test
    void refusesAnUnsupportedLayerAndLeavesTheInputUntouched() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).build())
                .layer(TestNetworks.mask("m0"))
                .layer(new LocalResponseNormalization.Builder().name("lrn").build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(2).build())
                .setInputType(InputType.convolutional(5, 5, 1)).build();
        MultiLayerNetwork net = TestNetworks.init(conf);
        INDArray before = net.params().dup();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ChannelPruner.compact(net, InputType.convolutional(5, 5, 1)));
        assertTrue(e.getMessage().contains("LocalResponseNormalization (layer name=\"lrn\")"), e.getMessage());
        assertEquals(before, net.params());
    }

    @Test
    void refusesMisplacedMasks() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).build())
                .layer(TestNetworks.mask("m0"))
                .layer(new BatchNormalization.Builder().name("bn").build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(2).build())
                .setInputType(InputType.convolutional(5, 5, 1)).build();
        MultiLayerNetwork net = TestNetworks.init(conf);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ChannelPruner.compact(net, InputType.convolutional(5, 5, 1)));
        assertTrue(e.getMessage().contains("BatchNormalization (layer name=\"bn\")"), e.getMessage());
    }

    @Test
    void refusesTiedMasksThatDisagree() {
        ComputationGraph net = TestNetworks.init(TestNetworks.resnet());
        ChannelGroups groups = ChannelGroups.of(net, TestNetworks.RGB8);
        Random rnd = new Random(1);
        TestNetworks.setKept(MaskedLayerLookup.of(net, groups.graph().node("s0")), 4, TestNetworks.randomScores(8, rnd));
        TestNetworks.setKept(MaskedLayerLookup.of(net, groups.graph().node("s1")), 4, TestNetworks.randomScores(8, rnd));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ChannelPruner.compact(net, TestNetworks.RGB8));
        assertTrue(e.getMessage().contains("\"s0\" and \"s1\""), e.getMessage());
    }
}

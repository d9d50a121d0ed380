package dev.autoprune;

import dev.autoprune.compact.LayerSlicer;
import dev.autoprune.compact.MaskedLayerLookup;
import dev.autoprune.compact.Slicers;
import dev.autoprune.flops.CostContext;
import dev.autoprune.flops.CostTerms;
import dev.autoprune.flops.FlopsCounter;
import dev.autoprune.flops.Polynomial;
import dev.autoprune.graph.ChannelFlow;
import dev.autoprune.graph.ChannelGroup;
import dev.autoprune.graph.ChannelGroups;
import dev.autoprune.graph.Channels;
import dev.autoprune.graph.GraphNode;
import dev.autoprune.graph.NodeKind;
import dev.autoprune.graph.TestNetworks;
import dev.autoprune.importance.ChannelImportance;
import dev.autoprune.layers.ChannelMaskLayer;
import dev.autoprune.layers.MaskMode;
import dev.autoprune.layers.MaskedLayer;
import dev.autoprune.rules.InputChecks;
import dev.autoprune.rules.LayerRule;
import dev.autoprune.rules.LayerRules;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A layer type only this test defines, pruned end to end through a rule registered by the test: the
 * rule is written against the public rule API only (this test lives outside {@code dev.autoprune.rules}).
 */
class CustomLayerPruningTest {

    private static final InputType IN = InputType.convolutional(8, 8, 2);

    /**
     * A user's layer: a convolution subclass (say, one that will get its own initialiser later). It runs
     * with DL4J's convolution implementation, so only its pruning rule is new.
     */
    public static class MyConvolution extends ConvolutionLayer {
    }

    /** Its pruning rule, stated from scratch with the public API: a producer with a convolution's cost and weights. */
    static final class MyConvolutionRule implements LayerRule {
        @Override
        public NodeKind kind() {
            return NodeKind.CONVOLUTION;
        }

        @Override
        public Optional<String> unsupportedReason(GraphNode node) {
            return InputChecks.convolutional(node);
        }

        @Override
        public Channels flow(ChannelFlow flow) {
            return flow.produce();
        }

        @Override
        public CostTerms cost(CostContext c) {
            ConvolutionLayer conv = (ConvolutionLayer) c.layer();
            double k = (double) conv.getKernelSize()[0] * conv.getKernelSize()[1];
            Polynomial bias = conv.hasBias() ? Polynomial.product(1, c.out()) : Polynomial.ZERO;
            return CostTerms.of(Polynomial.product(k * c.outputPositions(), c.in(), c.out()),
                    Polynomial.product(k, c.in(), c.out()).plus(bias));
        }

        @Override
        public Optional<LayerSlicer> slicer() {
            return Optional.of(Slicers.convolution());
        }

        @Override
        public Optional<double[]> filterNorms(Layer layer, int p) {
            INDArray w = layer.getParam("W");
            return Optional.of((p == 1 ? Transforms.abs(w, true).sum(1, 2, 3) : w.norm2(1, 2, 3)).toDoubleVector());
        }
    }

    /** A user's per-channel layer: a BatchNormalization subclass, running with DL4J's implementation. */
    public static class MyBatchNorm extends BatchNormalization {
    }

    /** Its rule from scratch: a per-channel carrier with one parameter per channel, ranked by |gamma|. */
    static final class MyBatchNormRule implements LayerRule {
        @Override
        public NodeKind kind() {
            return NodeKind.BATCH_NORM;
        }

        @Override
        public Channels flow(ChannelFlow flow) {
            return flow.unmask("rescales every channel");
        }

        @Override
        public CostTerms cost(CostContext c) {
            return CostTerms.of(Polynomial.product(c.outputPositions(), c.out()), Polynomial.product(4, c.out()));
        }

        @Override
        public Optional<LayerSlicer> slicer() {
            return Optional.of(Slicers.perChannel());
        }

        @Override
        public boolean maskMovesPast() {
            return true;
        }

        @Override
        public Optional<double[]> channelScales(Layer layer) {
            return Optional.of(Transforms.abs(layer.getParam("gamma"), true).toDoubleVector());
        }
    }

    @AfterEach
    void unregister() {
        LayerRules.unregister(MyConvolution.class);
        LayerRules.unregister(MyBatchNorm.class);
    }

    /** A MyConvolution with the settings of a built ConvolutionLayer. */
    private static MyConvolution myConvolution(String name, int nOut, Activation act) {
        return (MyConvolution) as(MyConvolution.class, new ConvolutionLayer.Builder(3, 3).name(name).nOut(nOut)
                .activation(act).convolutionMode(ConvolutionMode.Same).build());
    }

    /** {@code layer}'s settings in a subclass, written through DL4J's JSON mapper. */
    private static org.deeplearning4j.nn.conf.layers.Layer as(Class<?> type, org.deeplearning4j.nn.conf.layers.Layer layer) {
        ObjectMapper mapper = NeuralNetConfiguration.mapper();
        try {
            ObjectNode tree = mapper.valueToTree(layer);
            tree.put("@class", type.getName());
            return mapper.treeToValue(tree, org.deeplearning4j.nn.conf.layers.Layer.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** my1 (relu) -> my2 -> BN -> pool -> my3 (relu) -> output; the same with plain convolutions when {@code plain}. */
    private static MultiLayerConfiguration conf(boolean plain) {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder().seed(12).list();
        String[] names = {"my1", "my2", "my3"};
        int[] widths = {6, 8, 5};
        Activation[] acts = {Activation.RELU, Activation.IDENTITY, Activation.RELU};
        List<ConvolutionLayer> convs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            convs.add(plain ? new ConvolutionLayer.Builder(3, 3).name(names[i]).nOut(widths[i]).activation(acts[i])
                    .convolutionMode(ConvolutionMode.Same).build() : myConvolution(names[i], widths[i], acts[i]));
        }
        return b.layer(convs.get(0)).layer(convs.get(1))
                .layer(new BatchNormalization.Builder().name("bn").build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).name("pool").kernelSize(2, 2).stride(2, 2).build())
                .layer(convs.get(2))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("out").nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(IN).build();
    }

    @Test
    void theCustomLayerSurvivesDl4jsJsonRoundTrip() {
        MultiLayerConfiguration conf = conf(false);
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(conf.toJson());
        assertEquals(conf, back);
        assertEquals(MyConvolution.class, back.getConf(0).getLayer().getClass());
    }

    @Test
    void withoutARuleTheCustomLayerIsUnsupportedWithItsReason() {
        ChannelGroups g = ChannelGroups.of(conf(false), IN);
        assertEquals(List.of("my1", "my2", "my3"), g.unsupported().stream().map(u -> u.name()).toList());
        assertTrue(g.unsupported().stream().allMatch(u -> u.reason().equals("no channel-pruning rule for MyConvolution")),
                g.unsupported().toString());
        MultiLayerNetwork net = TestNetworks.init(conf(false));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AutoPrune.prunable(net, PrunableOptions.builder().inputTypes(IN).build()));
        assertTrue(e.getMessage().contains("no channel-pruning rule for MyConvolution"), e.getMessage());
    }

    @Test
    void aRegisteredCustomLayerIsPrunedEndToEnd() {
        LayerRules.register(MyConvolution.class, new MyConvolutionRule());
        // The rule's cost equals the built-in convolution's on the same network.
        assertEquals(FlopsCounter.of(conf(true), IN).totalFlops(), FlopsCounter.of(conf(false), IN).totalFlops());
        assertEquals(FlopsCounter.of(conf(true), IN).totalParams(), FlopsCounter.of(conf(false), IN).totalParams());

        Nd4j.getRandom().setSeed(3);
        MultiLayerNetwork net = TestNetworks.init(conf(false));
        MultiLayerNetwork masked = AutoPrune.prunable(net, PrunableOptions.builder().inputTypes(IN).build());
        ChannelGroups groups = ChannelGroups.of(masked, IN).validate();
        // A subclass keeps its own class, so its mask goes after it (after BN for my2), not inside it.
        List<String> names = new ArrayList<>();
        for (int i = 0; i < masked.getnLayers(); i++) {
            names.add(masked.getLayerWiseConfigurations().getConf(i).getLayer().getLayerName());
        }
        assertEquals(List.of("my1", "my1_mask", "my2", "bn", "bn_mask", "pool", "my3", "my3_mask", "out"), names);
        assertTrue(masked.getLayerWiseConfigurations().getConf(1).getLayer() instanceof ChannelMaskLayer);
        assertEquals(MyConvolution.class, masked.getLayerWiseConfigurations().getConf(0).getLayer().getClass());

        // Uneven kept sets, chosen by the rule's filter norms (L1) for my1 and by random scores elsewhere.
        Random rnd = new Random(9);
        int[] kept = {4, 3, 2};
        int i = 0;
        for (ChannelGroup g : groups.masked()) {
            MaskedLayer m = MaskedLayerLookup.of(masked, groups.graph().node(g.maskNames().get(0)));
            double[] scores = i == 0 ? ChannelImportance.l1().of(masked, groups, g.id())
                    : TestNetworks.randomScores(m.channels(), rnd);
            TestNetworks.setKept(m, kept[i++], scores);
            m.maskConfig().getMaskSettings().setMode(MaskMode.HARD);
        }
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 2, 8, 8).subi(0.5);
        INDArray expected = masked.output(x);
        MultiLayerNetwork small = ChannelPruner.compact(masked, IN);
        double diff = expected.sub(small.output(x)).amaxNumber().doubleValue();
        assertTrue(diff < 1e-5, "max |difference| " + diff);
        assertEquals(MyConvolution.class, small.getLayerWiseConfigurations().getConf(0).getLayer().getClass());
        assertEquals(4, ((ConvolutionLayer) small.getLayerWiseConfigurations().getConf(0).getLayer()).getNOut());
        assertEquals(3, ((ConvolutionLayer) small.getLayerWiseConfigurations().getConf(1).getLayer()).getNOut());
        assertEquals(2, ((ConvolutionLayer) small.getLayerWiseConfigurations().getConf(4).getLayer()).getNOut());
        // The compacted network costs what the FLOPs counter predicts for the kept counts.
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (int j = 0; j < groups.masked().size(); j++) {
            counts.put(groups.masked().get(j).id(), kept[j]);
        }
        assertEquals(FlopsCounter.of(groups).hardFlops(counts), FlopsCounter.of(small.getLayerWiseConfigurations(), IN)
                .totalFlops());
    }

    /**
     * A custom per-channel carrier after a custom producer that reuses the built-in convolution rule
     * (the short route for a subclass with the parent's weight layout).
     */
    @Test
    void aRegisteredCustomCarrierIsCarriedMaskedPastAndSliced() {
        LayerRules.register(MyConvolution.class, LayerRules.of(ConvolutionLayer.class).orElseThrow());
        LayerRules.register(MyBatchNorm.class, new MyBatchNormRule());
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(13).list()
                .layer(myConvolution("my1", 8, Activation.IDENTITY))
                .layer(as(MyBatchNorm.class, new BatchNormalization.Builder().name("mybn").build()))
                .layer(new ActivationLayer.Builder().name("relu")
                        .activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(PoolingType.AVG).name("pool").kernelSize(2, 2).stride(2, 2).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("out").nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(IN).build();
        assertEquals(conf, MultiLayerConfiguration.fromJson(conf.toJson()));
        Nd4j.getRandom().setSeed(4);
        MultiLayerNetwork net = TestNetworks.init(conf);
        for (INDArray p : net.getLayer("mybn").paramTable().values()) {
            p.assign(Nd4j.rand(p.dataType(), p.shape()).addi(0.5));
        }
        MultiLayerNetwork masked = AutoPrune.prunable(net, PrunableOptions.builder().inputTypes(IN).build());
        ChannelGroups groups = ChannelGroups.of(masked, IN).validate();
        ChannelGroup g = groups.masked().get(0);
        assertEquals(List.of("relu_mask"), g.maskNames(), "the mask moves past the custom carrier and the activation");
        assertTrue(g.carriers().contains("mybn"));
        // bn-gamma ranks by the custom carrier's |gamma| (divided by its mean).
        double[] gamma = Transforms.abs(masked.getLayer("mybn").getParam("gamma"), true).toDoubleVector();
        double mean = Arrays.stream(gamma).sum() / gamma.length;
        double[] expected = Arrays.stream(gamma).map(v -> v / mean).toArray();
        assertArrayEquals(expected, ChannelImportance.bnGamma().of(masked, groups, g.id()),
                1e-12);

        MaskedLayer m = MaskedLayerLookup.of(masked, groups.graph().node("relu_mask"));
        TestNetworks.setKept(m, 5, ChannelImportance.bnGamma().of(masked, groups, g.id()));
        m.maskConfig().getMaskSettings().setMode(MaskMode.HARD);
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 2, 8, 8).subi(0.5);
        INDArray before = masked.output(x);
        MultiLayerNetwork small = ChannelPruner.compact(masked, IN);
        double diff = before.sub(small.output(x)).amaxNumber().doubleValue();
        assertTrue(diff < 1e-5, "max |difference| " + diff);
        assertEquals(MyBatchNorm.class, small.getLayerWiseConfigurations().getConf(1).getLayer().getClass());
        assertEquals(5, small.getLayer("mybn").getParam("gamma").length());
    }
}

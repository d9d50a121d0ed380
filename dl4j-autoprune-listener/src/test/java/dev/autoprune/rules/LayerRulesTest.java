package dev.autoprune.rules;

import dev.autoprune.graph.ChannelFlow;
import dev.autoprune.graph.ChannelGroups;
import dev.autoprune.graph.Channels;
import dev.autoprune.graph.GraphNode;
import dev.autoprune.graph.NetworkGraph;
import dev.autoprune.graph.NodeKind;
import dev.autoprune.graph.TestNetworks;
import dev.autoprune.graph.UnsupportedLayer;
import dev.autoprune.layers.ChannelMaskLayer;
import dev.autoprune.layers.MaskedConvolutionLayer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.FrozenVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SeparableConvolution2D;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LayerRulesTest {

    /** A layer type only this test knows: a convolution subclass, which must not inherit the convolution rule. */
    public static class TestConvolution extends ConvolutionLayer {
    }

    /** A mask subclass, which does inherit the mask rule (that rule covers subclasses). */
    public static class TestMask extends ChannelMaskLayer {
    }

    /** A rule that passes channels through, for registration tests. */
    private static final class PassRule implements LayerRule {
        @Override
        public NodeKind kind() {
            return NodeKind.ACTIVATION;
        }

        @Override
        public Channels flow(ChannelFlow flow) {
            return flow.input();
        }
    }

    @AfterEach
    void cleanUp() {
        LayerRules.unregister(TestConvolution.class);
        LayerRules.unregister(ActivationLayer.class);
    }

    private static NodeKind kindOf(Class<?> type) {
        return LayerRules.of(type).orElseThrow().kind();
    }

    // ---- look-up ----

    @Test
    void lookupIsByExactClass() {
        assertEquals(NodeKind.CONVOLUTION, kindOf(ConvolutionLayer.class));
        assertEquals(NodeKind.DEPTHWISE, kindOf(DepthwiseConvolution2D.class));
        assertEquals(NodeKind.SEPARABLE, kindOf(SeparableConvolution2D.class));
        assertEquals(NodeKind.MASKED_CONVOLUTION, kindOf(MaskedConvolutionLayer.class));
        assertEquals(NodeKind.DENSE, kindOf(DenseLayer.class));
        assertEquals(NodeKind.OUTPUT, kindOf(OutputLayer.class));
        assertEquals(NodeKind.SPATIAL, kindOf(SubsamplingLayer.class));
        assertEquals(NodeKind.MERGE, kindOf(MergeVertex.class));
        assertEquals(NodeKind.ELEMENTWISE, kindOf(ElementWiseVertex.class));
        // Deconvolution2D and a user's subclass extend ConvolutionLayer but get no rule by inheritance.
        assertTrue(LayerRules.of(Deconvolution2D.class).isEmpty());
        assertTrue(LayerRules.of(TestConvolution.class).isEmpty());
        // The mask rule covers subclasses.
        assertSame(LayerRules.of(ChannelMaskLayer.class).orElseThrow(), LayerRules.of(TestMask.class).orElseThrow());
        assertTrue(LayerRules.of(String.class).isEmpty());
    }

    @Test
    void everyBuiltInTypeHasARuleWhoseKindIsNotUnsupported() {
        assertTrue(LayerRules.builtInTypes().size() >= 20);
        for (Class<?> c : LayerRules.builtInTypes()) {
            assertTrue(LayerRules.isBuiltIn(c));
            NodeKind k = kindOf(c);
            assertFalse(k == NodeKind.UNSUPPORTED || k == NodeKind.INPUT, c + " -> " + k);
        }
    }

    @Test
    void frozenWrappersAreLookedThrough() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().list()
                .layer(new FrozenLayer(new ConvolutionLayer.Builder(3, 3).name("c1").nOut(4).build()))
                .layer(new FrozenLayerWithBackprop(new BatchNormalization.Builder().name("bn").build()))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("out").nOut(2)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(TestNetworks.RGB8).build();
        NetworkGraph g = NetworkGraph.of(conf, TestNetworks.RGB8);
        // A frozen wrapper keeps DL4J's default names.
        assertSame(LayerRules.of(ConvolutionLayer.class).orElseThrow(), g.node("layer0").rule());
        assertSame(LayerRules.of(BatchNormalization.class).orElseThrow(), g.node("layer1").rule());
        assertTrue(g.node("layer0").frozen());
        assertEquals(List.of("layer1"), ChannelGroups.of(g).group("layer0").carriers(), "the frozen BN carries it");

        ComputationGraphConfiguration cg = new NeuralNetConfiguration.Builder().graphBuilder().addInputs("in")
                .addLayer("c1", new ConvolutionLayer.Builder(3, 3).nOut(4).build(), "in")
                .addLayer("c2", new ConvolutionLayer.Builder(3, 3).nOut(4).build(), "in")
                .addVertex("add", new ElementWiseVertex(ElementWiseVertex.Op.Add), "c1", "c2")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2)
                        .activation(Activation.SOFTMAX).build(), "add")
                .setOutputs("out").setInputTypes(TestNetworks.RGB8).build();
        cg.getVertices().put("add", new FrozenVertex(cg.getVertices().get("add")));
        cg.getVertices().put("c2", new FrozenVertex(cg.getVertices().get("c2")));
        NetworkGraph cgGraph = NetworkGraph.of(cg, TestNetworks.RGB8);
        assertSame(LayerRules.of(ElementWiseVertex.class).orElseThrow(), cgGraph.node("add").rule());
        assertSame(LayerRules.of(ConvolutionLayer.class).orElseThrow(), cgGraph.node("c2").rule());
        assertEquals(List.of("c1", "c2"), ChannelGroups.of(cgGraph).group("c1").producers(), "the frozen add couples");
    }

    // ---- registration ----

    @Test
    void registrationOverABuiltInTypeIsRefusedUnlessReplaced() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LayerRules.register(ActivationLayer.class, new PassRule()));
        assertTrue(e.getMessage().contains(ActivationLayer.class.getName()), e.getMessage());
        assertTrue(e.getMessage().contains("LayerRules.replace(ActivationLayer.class"), e.getMessage());

        LayerRule builtIn = LayerRules.of(ActivationLayer.class).orElseThrow();
        LayerRule mine = new PassRule();
        LayerRules.replace(ActivationLayer.class, mine);
        assertSame(mine, LayerRules.of(ActivationLayer.class).orElseThrow());
        assertTrue(LayerRules.unregister(ActivationLayer.class));
        assertSame(builtIn, LayerRules.of(ActivationLayer.class).orElseThrow(), "the built-in rule applies again");
        assertFalse(LayerRules.unregister(ActivationLayer.class), "built-in rules cannot be unregistered");
    }

    @Test
    void duplicateRegistrationIsRefusedNamingTheClass() {
        LayerRules.register(TestConvolution.class, new PassRule());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LayerRules.register(TestConvolution.class, new PassRule()));
        assertTrue(e.getMessage().contains(TestConvolution.class.getName()), e.getMessage());
        assertTrue(e.getMessage().contains("already has a registered"), e.getMessage());
    }

    @Test
    void onlyLayerAndVertexConfigurationsCanBeRegistered() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LayerRules.register(String.class, new PassRule()));
        assertTrue(e.getMessage().contains("java.lang.String"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LayerRules.register(FrozenLayer.class, new PassRule()));
        assertTrue(e.getMessage().contains("wrapped layer type"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LayerRules.register(LayerVertex.class, new PassRule()));
        assertThrows(NullPointerException.class, () -> LayerRules.register(TestConvolution.class, null));
    }

    @Test
    void concurrentRegistrationsOfOneTypeLetExactlyOneWin() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Boolean>> tasks = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                tasks.add(() -> {
                    try {
                        LayerRules.register(TestConvolution.class, new PassRule());
                        return true;
                    } catch (IllegalArgumentException refused) {
                        return false;
                    }
                });
            }
            int wins = 0;
            for (Future<Boolean> f : pool.invokeAll(tasks)) {
                wins += f.get() ? 1 : 0;
            }
            assertEquals(1, wins);
        } finally {
            pool.shutdown();
        }
    }

    // ---- unsupported types ----

    @Test
    void anUnregisteredTypeIsBlockedWithItsReason() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().list()
                .layer(new ConvolutionLayer.Builder(3, 3).name("c1").nOut(4).build())
                .layer(new Deconvolution2D.Builder(3, 3).name("up").nOut(3).build())
                .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).name("gp").build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("out").nOut(2)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(TestNetworks.RGB8).build();
        ChannelGroups g = ChannelGroups.of(conf, TestNetworks.RGB8);
        assertEquals(List.of(new UnsupportedLayer("up", "Deconvolution2D", "no channel-pruning rule for Deconvolution2D")),
                g.unsupported());
        GraphNode up = g.graph().node("up");
        assertEquals(NodeKind.UNSUPPORTED, up.kind());
        assertFalse(g.group("c1").isPrunable(), "c1's channels reach the unsupported layer");
        assertTrue(g.group("c1").blockers().stream().anyMatch(b -> b.contains("no channel-pruning rule for Deconvolution2D")),
                g.group("c1").blockers().toString());
        assertTrue(g.placements().isEmpty());
    }
}

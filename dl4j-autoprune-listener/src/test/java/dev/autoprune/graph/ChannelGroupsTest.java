package dev.autoprune.graph;

import dev.autoprune.layers.MaskMode;
import dev.autoprune.layers.MaskedConvolutionLayer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LocalResponseNormalization;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChannelGroupsTest {

    private static List<String> ids(List<ChannelGroup> groups) {
        return groups.stream().map(ChannelGroup::id).collect(Collectors.toList());
    }

    @Test
    void lenetGroupsAndFlattenedConsumer() {
        ChannelGroups g = ChannelGroups.of(TestNetworks.lenet()).validate();
        assertEquals(List.of("c1", "c2", "m3"), ids(g.masked()));
        ChannelGroup c2 = g.group("c2");
        assertEquals(8, c2.channels());
        assertEquals(List.of("c2"), c2.producers());
        assertEquals(List.of(new GroupConsumer("d1", 0, 4)), c2.consumers(), "each channel is 2x2 flattened rows");
        assertEquals(List.of(new GroupConsumer("c2", 0, 1)), g.group("c1").consumers());
        assertEquals(List.of("d1"), g.group("m3").producers());
        assertEquals(List.of(new GroupConsumer("out", 0, 1)), g.group("m3").consumers());
        assertTrue(g.groupOfMask("c2").isPrunable());
        assertTrue(g.unsupported().isEmpty());
    }

    @Test
    void unnamedMultiLayerLayersGetDl4jNames() {
        ChannelGroups g = ChannelGroups.of(TestNetworks.vggBn(), TestNetworks.RGB8).validate();
        assertEquals(List.of("m1", "m2", "m3"), ids(g.masked()));
        assertEquals(List.of("layer0"), g.group("m1").producers());
        assertTrue(g.group("m1").carriers().containsAll(List.of("layer1", "layer2", "m1")));
        assertEquals(3, g.group("m2").minChannels());
    }

    @Test
    void inputTypeIsInferredOrAskedFor() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ChannelGroups.of(TestNetworks.vggBn()));
        assertTrue(e.getMessage().contains("Pass it explicitly"), e.getMessage());
        MultiLayerNetwork net = TestNetworks.init(TestNetworks.vggBn());
        net.setInput(Nd4j.rand(2, 3, 8, 8));
        assertEquals(List.of("m1", "m2", "m3"), ids(ChannelGroups.of(net).masked()));
    }

    @Test
    void residualAddsTieMasks() {
        ChannelGroups g = ChannelGroups.of(TestNetworks.resnet(), TestNetworks.RGB8).validate();
        assertEquals(List.of("s0", "b1m", "b2m", "s2"), ids(g.masked()));
        assertEquals(List.of("s0", "s1"), g.group("s0").maskNames());
        assertEquals(Set.of("stem", "b1b"), Set.copyOf(g.group("s0").producers()));
        assertEquals(Set.of("b2b", "proj"), Set.copyOf(g.group("s2").producers()));
        assertEquals(g.group("s0"), g.groupOfMask("s1"));
        Set<String> readers = g.group("s0").consumers().stream().map(GroupConsumer::layerName).collect(Collectors.toSet());
        assertEquals(Set.of("b1a", "b2a", "proj"), readers);
        assertEquals(2, g.group("b1m").minChannels());
    }

    @Test
    void mergeOffsetsTheConsumer() {
        ChannelGroups g = ChannelGroups.of(TestNetworks.inception(), TestNetworks.RGB8).validate();
        assertEquals(List.of("stem", "b1", "b2", "b3", "post"), ids(g.masked()));
        assertEquals(List.of(new GroupConsumer("post", 0, 1)), g.group("b1").consumers());
        assertEquals(List.of(new GroupConsumer("post", 4, 1)), g.group("b2").consumers());
        assertEquals(List.of(new GroupConsumer("post", 10, 1)), g.group("b3").consumers());
        assertEquals(List.of(new GroupConsumer("fc", 0, 16)), g.group("post").consumers());
        assertEquals(3, g.outputLayout("merge").segments().size());
    }

    @Test
    void depthwiseCarriesTheGroup() {
        ChannelGroups g = ChannelGroups.of(TestNetworks.separable(), TestNetworks.RGB8).validate();
        assertEquals(List.of("m1", "m2"), ids(g.masked()));
        assertEquals(List.of("conv"), g.group("m1").producers());
        assertTrue(g.group("m1").carriers().contains("dw"));
        assertEquals(List.of(new GroupConsumer("sep", 0, 1)), g.group("m1").consumers());
    }

    @Test
    void networkInputsAndOutputsAreNotPrunable() {
        ChannelGroups g = ChannelGroups.of(TestNetworks.lenet());
        assertFalse(g.group(NetworkGraph.MLN_INPUT).isPrunable());
        assertFalse(g.group("out").isPrunable());
    }

    // ---- placements on unmasked networks ----

    @Test
    void placementsOfPlainLenet() {
        ChannelGroups g = ChannelGroups.of(TestNetworks.lenetPlain(6, 8, 10));
        List<MaskPlacement> p = g.placements();
        assertEquals(3, p.size(), p.toString());
        assertEquals(new MaskPlacement("c1", "c1", true, List.of("c1"), 6), p.get(0));
        assertEquals(new MaskPlacement("c2", "c2", true, List.of("c2"), 8), p.get(1));
        assertEquals("layer4", p.get(2).afterLayer());
        assertFalse(p.get(2).insideConvolution());
    }

    @Test
    void placementsOfPlainResidualBlockAreAfterBnActivationAndAfterTheAdd() {
        ComputationGraphConfiguration.GraphBuilder b = new NeuralNetConfiguration.Builder()
                .convolutionMode(ConvolutionMode.Same).graphBuilder().addInputs("in").setInputTypes(TestNetworks.RGB8)
                .addLayer("stem", conv(8), "in").addLayer("stem_bn", bn(), "stem").addLayer("stem_relu", relu(), "stem_bn")
                .addLayer("a", conv(8), "stem_relu").addLayer("a_bn", bn(), "a").addLayer("a_relu", relu(), "a_bn")
                .addLayer("b", conv(8), "a_relu").addLayer("b_bn", bn(), "b")
                .addVertex("add", new ElementWiseVertex(ElementWiseVertex.Op.Add), "stem_relu", "b_bn")
                .addLayer("add_relu", relu(), "add")
                .addLayer("gap", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "add_relu")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(2).build(), "gap")
                .setOutputs("out");
        ChannelGroups g = ChannelGroups.of(b.build(), TestNetworks.RGB8);
        List<MaskPlacement> p = g.placements();
        assertEquals(List.of("stem_relu", "add_relu", "a_relu"),
                p.stream().map(MaskPlacement::afterLayer).collect(Collectors.toList()));
        assertEquals(p.get(0).groupId(), p.get(1).groupId(), "the stage masks are tied");
        assertEquals(Set.of("stem", "b"), Set.copyOf(p.get(0).producers()));
        assertTrue(p.stream().noneMatch(MaskPlacement::insideConvolution));
    }

    // ---- validation ----

    @Test
    void maskedConvolutionFollowedByBatchNormIsRefusedByName() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().list()
                .layer(new MaskedConvolutionLayer.Builder(3, 3).name("mc").nOut(4).maskMode(MaskMode.HARD).build())
                .layer(new BatchNormalization.Builder().name("bn").build())
                .layer(conv(3))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(2).build())
                .setInputType(InputType.convolutional(6, 6, 1)).build();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ChannelGroups.of(conf, InputType.convolutional(6, 6, 1)).validate());
        assertTrue(e.getMessage().contains("MaskedConvolutionLayer (layer name=\"mc\")"), e.getMessage());
        assertTrue(e.getMessage().contains("BatchNormalization (layer name=\"bn\")"), e.getMessage());
    }

    @Test
    void readerBeforeTheMaskIsRefused() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .convolutionMode(ConvolutionMode.Same).graphBuilder().addInputs("in").setInputTypes(TestNetworks.RGB8)
                .addLayer("c", conv(4), "in").addLayer("c_relu", relu(), "c")
                .addLayer("m", TestNetworks.mask("m"), "c_relu")
                .addLayer("early", conv(4), "c_relu")
                .addLayer("late", conv(4), "m")
                .addVertex("sum", new ElementWiseVertex(ElementWiseVertex.Op.Add), "early", "late")
                .addLayer("gap", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "sum")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(2).build(), "gap")
                .setOutputs("out").build();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ChannelGroups.of(conf, TestNetworks.RGB8).validate());
        assertTrue(e.getMessage().contains("ConvolutionLayer (layer name=\"early\")"), e.getMessage());
        assertFalse(e.getMessage().contains("(layer name=\"late\")"), e.getMessage());
    }

    @Test
    void unsupportedLayerIsReportedAndBlocksMaskedChannels() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().list()
                .layer(new MaskedConvolutionLayer.Builder(3, 3).name("mc").nOut(4).maskMode(MaskMode.HARD).build())
                .layer(new LocalResponseNormalization.Builder().name("lrn").build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(2).build())
                .setInputType(InputType.convolutional(6, 6, 1)).build();
        ChannelGroups g = ChannelGroups.of(conf, InputType.convolutional(6, 6, 1));
        assertEquals(List.of(new UnsupportedLayer("lrn", "LocalResponseNormalization",
                "normalises each channel over its neighbouring channels, so removing a channel would change the others")),
                g.unsupported());
        assertFalse(g.group("mc").isPrunable());
        IllegalStateException e = assertThrows(IllegalStateException.class, g::validate);
        assertTrue(e.getMessage().contains("LocalResponseNormalization (layer name=\"lrn\")"), e.getMessage());
    }

    @Test
    void separableInputMayNotShrinkToOneChannel() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().list()
                .layer(conv(4))
                .layer(TestNetworks.mask("m"))
                .layer(new org.deeplearning4j.nn.conf.layers.SeparableConvolution2D.Builder(3, 3).name("sep").nOut(3)
                        .build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(2).build())
                .setInputType(InputType.convolutional(8, 8, 1)).build();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ChannelGroups.of(conf, InputType.convolutional(8, 8, 1)).validate());
        assertTrue(e.getMessage().contains("SeparableConvolution2D (layer name=\"sep\")"), e.getMessage());
        assertTrue(e.getMessage().contains("minChannels >= 2"), e.getMessage());
    }

    private static ConvolutionLayer conv(int nOut) {
        return new ConvolutionLayer.Builder(3, 3).nOut(nOut).activation(Activation.IDENTITY).build();
    }

    private static BatchNormalization bn() {
        return new BatchNormalization.Builder().build();
    }

    private static ActivationLayer relu() {
        return new ActivationLayer.Builder().activation(Activation.RELU).build();
    }
}

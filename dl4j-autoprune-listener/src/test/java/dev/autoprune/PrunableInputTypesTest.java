package dev.autoprune;

import dev.autoprune.flops.FlopsCounter;
import dev.autoprune.graph.ChannelGroups;
import dev.autoprune.graph.InputTypes;
import dev.autoprune.layers.MaskMode;
import dev.autoprune.layers.MaskedLayer;
import dev.autoprune.layers.MaskableLayerConfig;
import dev.autoprune.report.PruningReport;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * "InputType once": {@code prunable} records the input types it used in the masks, so that after a
 * JSON or ModelSerializer round trip {@code ChannelGroups}, {@code FlopsCounter}, {@code PruningReport}
 * and {@code ChannelPruner.compact} need none; and where nothing tells the types, {@code prunable}
 * asks for them instead of guessing.
 */
class PrunableInputTypesTest {

    private static final InputType VGG_IN = InputType.convolutional(8, 8, 2);

    private static List<MaskableLayerConfig> masks(List<org.deeplearning4j.nn.conf.layers.Layer> layers) {
        List<MaskableLayerConfig> out = new ArrayList<>();
        for (org.deeplearning4j.nn.conf.layers.Layer l : layers) {
            if (l instanceof MaskableLayerConfig m) {
                out.add(m);
            }
        }
        return out;
    }

    private static List<MaskableLayerConfig> masks(MultiLayerConfiguration conf) {
        return masks(conf.getConfs().stream().map(c -> c.getLayer()).toList());
    }

    private static List<MaskableLayerConfig> masks(ComputationGraph net) {
        return masks(java.util.Arrays.stream(net.getLayers()).map(l -> l.conf().getLayer()).toList());
    }

    /** Hard masks that keep a few channels, so that compaction really removes some. */
    private static void hardenAndPrune(Layer[] layers) {
        for (Layer l : layers) {
            if (l instanceof MaskedLayer m) {
                m.maskConfig().getMaskSettings().setMode(MaskMode.HARD);
                long c = m.maskConfig().getMaskedChannels();
                double[] scores = new double[(int) c];
                for (int i = 0; i < c; i++) {
                    scores[i] = i;
                }
                m.setScores(scores);
                m.setTheta(-2.0);
            }
        }
    }

    private static MultiLayerNetwork prunableVgg() {
        MultiLayerConfiguration conf = AutoPrune.prunable(AutoPruneTest.vggBn(),
                PrunableOptions.builder().inputTypes(VGG_IN).build());
        MultiLayerNetwork net = new MultiLayerNetwork(MultiLayerConfiguration.fromJson(conf.toJson()));
        net.init();
        hardenAndPrune(net.getLayers());
        return net;
    }

    private static void assertNeedsNoInputType(MultiLayerNetwork net) {
        assertTrue(net.getInput() == null, "the network holds no input array to read the type off");
        assertArrayEquals(new InputType[] {VGG_IN}, InputTypes.of(net).orElseThrow());
        ChannelGroups groups = ChannelGroups.of(net).validate();
        assertEquals(ChannelGroups.of(net, VGG_IN).toString(), groups.toString());
        assertEquals(FlopsCounter.of(net.getLayerWiseConfigurations(), VGG_IN).totalFlops(),
                FlopsCounter.of(net).totalFlops());
        PruningReport report = PruningReport.of(net);
        assertEquals(PruningReport.of(net, VGG_IN).toTable(), report.toTable());
        MultiLayerNetwork small = ChannelPruner.compact(net);
        assertTrue(small.numParams() < net.numParams(), "compaction removed channels");
        assertEquals(ChannelPruner.compact(net, VGG_IN).params(), small.params());
    }

    @Test
    void everyMaskRecordsTheTypesAndTheMaskSettingsAreUnchanged() {
        MultiLayerConfiguration p = AutoPrune.prunable(AutoPruneTest.vggBn(),
                PrunableOptions.builder().inputTypes(VGG_IN).build());
        List<MaskableLayerConfig> masks = masks(p);
        assertEquals(2, masks.size());
        for (MaskableLayerConfig m : masks) {
            assertArrayEquals(new InputType[] {VGG_IN}, m.recordedInputTypes().orElseThrow());
            assertEquals(new dev.autoprune.layers.MaskSettings().getInitialRatio(), m.getMaskSettings().getInitialRatio());
        }
    }

    @Test
    void multiLayerNetworkNeedsNoInputTypeAfterJson() {
        assertNeedsNoInputType(prunableVgg());
    }

    @Test
    void multiLayerNetworkNeedsNoInputTypeAfterModelSerializer(@TempDir File dir) throws Exception {
        MultiLayerNetwork net = prunableVgg();
        File f = new File(dir, "prunable.zip");
        ModelSerializer.writeModel(net, f, true);
        MultiLayerNetwork back = ModelSerializer.restoreMultiLayerNetwork(f, true);
        assertNeedsNoInputType(back);
        assertEquals(ChannelPruner.compact(net).params(), ChannelPruner.compact(back).params());
    }

    @Test
    void computationGraphNeedsNoInputTypeAfterJsonAndModelSerializer(@TempDir File dir) throws Exception {
        ComputationGraphConfiguration conf = AutoPrune.prunable(AutoPruneTest.residual(),
                PrunableOptions.builder().inputTypes(VGG_IN).build());
        ComputationGraph net = new ComputationGraph(ComputationGraphConfiguration.fromJson(conf.toJson()));
        net.init();
        hardenAndPrune(net.getLayers());
        File f = new File(dir, "graph.zip");
        ModelSerializer.writeModel(net, f, true);
        ComputationGraph back = ModelSerializer.restoreComputationGraph(f, true);
        for (ComputationGraph g : List.of(net, back)) {
            assertTrue(masks(g).stream().allMatch(m -> m.recordedInputTypes().isPresent()));
            assertArrayEquals(new InputType[] {VGG_IN}, InputTypes.of(g).orElseThrow());
            assertEquals(ChannelGroups.of(g, VGG_IN).toString(), ChannelGroups.of(g).validate().toString());
            assertEquals(FlopsCounter.of(g.getConfiguration(), VGG_IN).totalFlops(), FlopsCounter.of(g).totalFlops());
            assertEquals(PruningReport.of(g, VGG_IN).toTable(), PruningReport.of(g).toTable());
            ComputationGraph small = ChannelPruner.compact(g);
            assertTrue(small.numParams() < g.numParams(), "compaction removed channels");
            assertEquals(ChannelPruner.compact(g, VGG_IN).params(), small.params());
        }
    }

    @Test
    void aTrainedNetworkRecordsTheTypeOfItsInput() {
        MultiLayerConfiguration conf = AutoPruneTest.vggBn();
        MultiLayerNetwork trained = new MultiLayerNetwork(conf);
        trained.init();
        trained.setInput(org.nd4j.linalg.factory.Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 2, 2, 8, 8));
        MultiLayerNetwork p = AutoPrune.prunable(trained);
        for (MaskableLayerConfig m : masks(p.getLayerWiseConfigurations())) {
            assertArrayEquals(new InputType[] {VGG_IN}, m.recordedInputTypes().orElseThrow());
        }
    }

    @Test
    void unknownTypesAreAskedForNotGuessed() {
        // vggBn() is built with InputType.convolutional, which DL4J does not keep: nothing tells the image size.
        assertTrue(InputTypes.of(AutoPruneTest.vggBn()).isEmpty());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AutoPrune.prunable(AutoPruneTest.vggBn()));
        assertTrue(e.getMessage().contains("PrunableOptions.builder().inputTypes("), e.getMessage());
        MultiLayerNetwork untrained = new MultiLayerNetwork(AutoPruneTest.vggBn());
        untrained.init();
        assertThrows(IllegalArgumentException.class, () -> AutoPrune.prunable(untrained));
        ComputationGraph graph = new ComputationGraph(AutoPruneTest.residual());
        graph.init();
        e = assertThrows(IllegalArgumentException.class, () -> AutoPrune.prunable(graph));
        assertTrue(e.getMessage().contains("ComputationGraph"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AutoPrune.prunable(AutoPruneTest.vggBn(),
                PrunableOptions.builder().inputTypes(VGG_IN, VGG_IN).build()));
        assertTrue(e.getMessage().contains("one input"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PrunableOptions.builder().inputTypes(VGG_IN, null));
    }

    @Test
    void aConfigurationThatTellsItsTypeNeedsNone() {
        // lenetFlat: InputType.convolutionalFlat leaves a preprocessor that tells the image size.
        MultiLayerConfiguration flat = new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder().seed(1).list()
                .layer(new org.deeplearning4j.nn.conf.layers.ConvolutionLayer.Builder(3, 3).name("c1").nOut(4)
                        .activation(org.nd4j.linalg.activations.Activation.RELU).build())
                .layer(new org.deeplearning4j.nn.conf.layers.OutputLayer.Builder().nOut(3)
                        .activation(org.nd4j.linalg.activations.Activation.SOFTMAX).build())
                .setInputType(InputType.convolutionalFlat(6, 6, 1)).build();
        MultiLayerConfiguration p = AutoPrune.prunable(flat);
        assertFalse(masks(p).isEmpty());
        assertArrayEquals(new InputType[] {InputType.convolutionalFlat(6, 6, 1)},
                masks(p).get(0).recordedInputTypes().orElseThrow());
    }
}

package dev.autoprune.cost;

import dev.autoprune.layers.ChannelMaskLayer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The latency cost model: the fit, its exact gradient, fraction 1 at full width and monotone below,
 * the floor, the cache round trip and its refusals. A synthetic timer makes the times deterministic;
 * one test runs the real ND4J timer only to check it produces a usable model (no timing asserted).
 */
class LatencyModelTest {

    private static final InputType INPUT = InputType.convolutional(8, 8, 1);

    /** conv1(w1)->BN->relu->[mask1]->pool->conv2(w2)->relu->[mask2]->dense(16)->out(3). */
    static MultiLayerNetwork net(int w1, int w2) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).list()
                .layer(new ConvolutionLayer.Builder(3, 3).name("conv1").nOut(w1).padding(1, 1).build())
                .layer(new BatchNormalization.Builder().name("bn1").build())
                .layer(new ActivationLayer.Builder().name("relu1").activation(Activation.RELU).build())
                .layer(new ChannelMaskLayer.Builder().name("mask1").minChannels(2).build())
                .layer(new SubsamplingLayer.Builder(2, 2).name("pool1").stride(2, 2).build())
                .layer(new ConvolutionLayer.Builder(3, 3).name("conv2").nOut(w2).padding(1, 1).build())
                .layer(new ActivationLayer.Builder().name("relu2").activation(Activation.RELU).build())
                .layer(new ChannelMaskLayer.Builder().name("mask2").minChannels(2).build())
                .layer(new DenseLayer.Builder().name("dense").nOut(16).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("out").nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(INPUT).build();
        MultiLayerNetwork n = new MultiLayerNetwork(conf);
        n.init();
        return n;
    }

    private static LatencyModel model(SyntheticTimer timer) {
        return LatencyModel.builder(4).timer(timer).progress(s -> { }).measure(net(8, 12), INPUT);
    }

    @Test
    void rejectsBadOptions() {
        assertThrows(IllegalArgumentException.class, () -> LatencyModel.builder(0));
        assertThrows(IllegalArgumentException.class, () -> LatencyModel.builder(4).grid(0.5));
        assertThrows(IllegalArgumentException.class, () -> LatencyModel.builder(4).grid(0.0, 1.0));
        assertThrows(IllegalArgumentException.class, () -> new Nd4jLayerTimer(1, 0));
    }

    @Test
    void fitsAPlaneExactlyAndTimesOnlyLayersThatRemain() {
        SyntheticTimer timer = new SyntheticTimer("test", 0);
        LatencyModel m = model(timer);
        List<String> layers = new ArrayList<>();
        m.fits().forEach(f -> layers.add(f.layer()));
        assertEquals(List.of("conv1", "bn1", "relu1", "pool1", "conv2", "relu2", "dense", "out"), layers,
                "masks are not timed: they disappear when the network is compacted");
        for (LayerLatencyFit f : m.fits()) {
            assertTrue(f.rmsError() < 1e-9, f.toString());
        }
        LayerLatencyFit conv2 = m.fits().get(4);
        assertTrue(conv2.inputVaries() && conv2.outputVaries());
        assertEquals(25, conv2.points(), "5 input widths x 5 output widths");
        LayerLatencyFit conv1 = m.fits().get(0);
        assertFalse(conv1.inputVaries(), "the image's channels are never pruned");
        LayerLatencyFit dense = m.fits().get(6);
        assertTrue(dense.inputVaries() && !dense.outputVaries(), "dense reads the flattened mask2 group; its units are not masked");
        LayerLatencyFit out = m.fits().get(7);
        assertTrue(!out.inputVaries() && !out.outputVaries() && out.points() == 1, "a constant, timed once");
        assertEquals(List.of("mask1", "mask2"), m.groupIds());
        assertTrue(timer.calls.contains("conv2:4x6"), timer.calls.toString()); // 1/2 of 8 in, 1/2 of 12 out
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        Random rnd = new Random(7);
        for (double curvature : new double[]{0, 5}) {
            LatencyModel m = LatencyModel.builder(4).timer(new SyntheticTimer("test", curvature)).progress(s -> { })
                    .measure(net(8, 12), INPUT);
            for (int i = 0; i < 20; i++) {
                CostModelChecks.assertGradientMatchesCentralDifferences(m, rnd);
            }
        }
    }

    @Test
    void fractionIsOneAtFullWidthAndFallsMonotonically() {
        LatencyModel m = LatencyModel.builder(4).timer(new SyntheticTimer("test", 5)).progress(s -> { })
                .measure(net(8, 12), INPUT);
        assertEquals(1.0, m.fraction(Map.of()), 1e-12);
        assertEquals(1.0, m.fraction(Map.of("mask1", 1.0, "mask2", 1.0)), 1e-12);
        assertEquals(1.0, m.hardFraction(Map.of("mask1", 8, "mask2", 12)), 1e-12);
        for (String g : m.groupIds()) {
            double prev = m.fraction(Map.of());
            for (int k = 99; k >= 0; k--) {
                Map<String, Double> r = new HashMap<>(Map.of("mask1", 0.6, "mask2", 0.6));
                r.put(g, k / 100.0);
                double f = m.fraction(r);
                Map<String, Double> r1 = new HashMap<>(r);
                r1.put(g, (k + 1) / 100.0);
                assertTrue(f <= m.fraction(r1) + 1e-15, g + " at " + k);
                prev = f;
            }
            assertTrue(prev < m.fraction(Map.of("mask1", 0.6, "mask2", 0.6)));
        }
        // the floor: every group at its minChannels (2 of 8, 2 of 12)
        assertEquals(m.hardFraction(Map.of("mask1", 2, "mask2", 2)), m.minimumFraction(), 1e-12);
        assertTrue(m.minimumFraction() > 0 && m.minimumFraction() < 1);
    }

    @Test
    void predictedAndMeasuredLayerTimesAgreeForAPlane() {
        LatencyModel m = model(new SyntheticTimer("test", 0));
        Map<String, Integer> kept = Map.of("mask1", 3, "mask2", 5);
        Map<String, Double> predicted = m.predictedLayerSeconds(kept);
        Map<String, Double> measured = m.measuredLayerSeconds(kept);
        assertEquals(predicted.keySet(), measured.keySet());
        predicted.forEach((layer, s) -> assertEquals(measured.get(layer), s, 1e-12, layer));
        double sum = predicted.values().stream().mapToDouble(Double::doubleValue).sum();
        assertEquals(m.hardFraction(kept), sum / m.fullSeconds(), 1e-12);
    }

    @Test
    void cacheRoundTripReusesTheFits(@TempDir Path dir) {
        Path cache = dir.resolve("latency.properties");
        SyntheticTimer first = new SyntheticTimer("test", 5);
        LatencyModel a = LatencyModel.builder(4).timer(first).cache(cache).progress(s -> { }).measure(net(8, 12), INPUT);
        assertTrue(Files.exists(cache));
        assertFalse(a.fromCache());
        SyntheticTimer second = new SyntheticTimer("test", 5);
        LatencyModel b = LatencyModel.builder(4).timer(second).cache(cache).progress(s -> { }).measure(net(8, 12), INPUT);
        assertTrue(b.fromCache());
        assertTrue(second.calls.isEmpty(), "a matching cache is read, nothing is timed again");
        Map<String, Double> r = Map.of("mask1", 0.4, "mask2", 0.7);
        assertEquals(a.fraction(r), b.fraction(r), 1e-15);
        assertEquals(a.fractionGradient(r), b.fractionGradient(r));
        assertEquals(a.minimumFraction(), b.minimumFraction(), 1e-15);
        assertEquals(a.measuringSeconds(), b.measuringSeconds(), 1e-15);
        for (int i = 0; i < a.fits().size(); i++) {
            assertEquals(a.fits().get(i).toString(), b.fits().get(i).toString());
        }
    }

    @Test
    void cacheForAnotherBackendBatchOrNetworkIsRefused(@TempDir Path dir) throws Exception {
        Path cache = dir.resolve("latency.properties");
        LatencyModel.builder(4).timer(new SyntheticTimer("backend-A", 0)).cache(cache).progress(s -> { })
                .measure(net(8, 12), INPUT);
        String before = Files.readString(cache);
        IllegalStateException backend = assertThrows(IllegalStateException.class, () -> LatencyModel.builder(4)
                .timer(new SyntheticTimer("backend-B", 0)).cache(cache).progress(s -> { }).measure(net(8, 12), INPUT));
        assertTrue(backend.getMessage().contains("backend backend-A (now backend-B)"), backend.getMessage());
        IllegalStateException batch = assertThrows(IllegalStateException.class, () -> LatencyModel.builder(8)
                .timer(new SyntheticTimer("backend-A", 0)).cache(cache).progress(s -> { }).measure(net(8, 12), INPUT));
        assertTrue(batch.getMessage().contains("batch size 4 (now 8)"), batch.getMessage());
        IllegalStateException network = assertThrows(IllegalStateException.class, () -> LatencyModel.builder(4)
                .timer(new SyntheticTimer("backend-A", 0)).cache(cache).progress(s -> { }).measure(net(8, 16), INPUT));
        assertTrue(network.getMessage().contains("another network"), network.getMessage());
        assertTrue(network.getMessage().contains("Delete it"), network.getMessage());
        assertEquals(before, Files.readString(cache), "a refused cache is left as it was");
    }

    @Test
    void residualGraphHasAnExactGradientAndListsItsUntimedVertices() {
        org.deeplearning4j.nn.graph.ComputationGraph g = dev.autoprune.graph.TestNetworks.init(
                dev.autoprune.graph.TestNetworks.resnet()); // masks s0, s1 placed by hand
        LatencyModel m = LatencyModel.builder(4).timer(new SyntheticTimer("test", 5)).progress(s -> { })
                .measure(dev.autoprune.graph.ChannelGroups.of(g, dev.autoprune.graph.TestNetworks.RGB8));
        assertFalse(m.groupIds().isEmpty());
        assertEquals(1.0, m.fraction(Map.of()), 1e-12);
        Random rnd = new Random(11);
        for (int i = 0; i < 10; i++) {
            CostModelChecks.assertGradientMatchesCentralDifferences(m, rnd);
        }
        assertFalse(m.untimedVertices().isEmpty(), "the residual adds are vertices, not timed");
        assertTrue(m.minimumFraction() > 0 && m.minimumFraction() < 1);
    }

    @Test
    void realTimerGivesAUsableModel() {
        List<String> progress = new ArrayList<>();
        LatencyModel m = LatencyModel.builder(2).timer(new Nd4jLayerTimer(0, 1)).grid(0.5, 1.0)
                .progress(progress::add).measure(net(4, 4), INPUT);
        assertEquals(1.0, m.fraction(Map.of()), 1e-12);
        assertTrue(m.fullSeconds() > 0);
        assertTrue(m.minimumFraction() > 0 && m.minimumFraction() <= 1);
        assertTrue(m.measuringSeconds() > 0);
        assertEquals(m.fits().size() + 1, progress.size(), "one line per layer and a summary: " + progress);
        for (LayerLatencyFit f : m.fits()) {
            assertTrue(f.measuredFull() > 0, f.toString());
        }
    }
}

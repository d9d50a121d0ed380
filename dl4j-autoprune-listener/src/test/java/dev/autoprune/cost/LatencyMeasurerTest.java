package dev.autoprune.cost;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The grid is timed in sweeps and each point keeps its median: a burst of load that slows the first sweep
 * of a layer spoils a one-sweep fit and leaves a three-sweep fit exact.
 */
class LatencyMeasurerTest {

    /** The synthetic planes, with the first {@code burst} timings of layer conv2 three times as slow. */
    private static final class BurstTimer implements LayerTimer {
        private final SyntheticTimer plane = new SyntheticTimer("test", 0);
        private int conv2Calls;
        private final int burst;

        BurstTimer(int burst) {
            this.burst = burst;
        }

        @Override
        public double seconds(Layer layer, InputType input, int batchSize) {
            double s = plane.seconds(layer, input, batchSize);
            return "conv2".equals(layer.getLayerName()) && conv2Calls++ < burst ? 3 * s : s;
        }

        @Override
        public String backend() {
            return plane.backend();
        }

        @Override
        public int threads() {
            return plane.threads();
        }
    }

    private static LayerLatencyFit conv2(int passes) {
        LatencyModel m = LatencyModel.builder(4).timer(new BurstTimer(10)).passes(passes).progress(s -> { })
                .measure(LatencyModelTest.net(8, 12), InputType.convolutional(8, 8, 1));
        return m.fits().stream().filter(f -> f.layer().equals("conv2")).findFirst().orElseThrow();
    }

    @Test
    void aBurstInOneSweepLeavesTheMedianOfThreeExact() {
        LayerLatencyFit one = conv2(1);
        LayerLatencyFit three = conv2(3);
        assertTrue(one.rmsError() > 0.05, "one sweep: 10 of 25 points three times as slow, " + one);
        assertEquals(0, three.rmsError(), 1e-9, "three sweeps: each point has two clean sweeps, " + three);
        assertEquals(25, three.points(), "5 x 5 grid points however many sweeps");
    }

    @Test
    void refusesNoSweeps() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LatencyModel.builder(4).passes(0));
        assertTrue(e.getMessage().contains("passes"), e.getMessage());
    }
}

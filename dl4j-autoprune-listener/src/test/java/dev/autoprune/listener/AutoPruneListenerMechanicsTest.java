package dev.autoprune.listener;

import dev.autoprune.layers.MaskMode;
import dev.autoprune.layers.MaskedLayer;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.learning.config.Sgd;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Exact freezing, the penalty in the score and in the ratio gradient, validation data, ComputationGraph. */
class AutoPruneListenerMechanicsTest {

    /** Snapshots of the weights (every non-mask parameter) and of the mask parameters. */
    private static Map<String, float[]> snapshot(Model net, boolean maskParams) {
        Map<String, float[]> out = new HashMap<>();
        Layer[] layers = net instanceof MultiLayerNetwork m ? m.getLayers() : ((ComputationGraph) net).getLayers();
        for (Layer l : layers) {
            for (Map.Entry<String, INDArray> e : l.paramTable().entrySet()) {
                boolean isMask = e.getKey().equals("theta") || e.getKey().equals("scores");
                if (isMask == maskParams) {
                    out.put(l.conf().getLayer().getLayerName() + "_" + e.getKey(), e.getValue().dup().data().asFloat());
                }
            }
        }
        return out;
    }

    private static void assertSame(Map<String, float[]> a, Map<String, float[]> b, String what) {
        assertEquals(a.keySet(), b.keySet());
        for (String k : a.keySet()) {
            assertArrayEquals(a.get(k), b.get(k), what + ": " + k + " changed");
        }
    }

    private static boolean anyDifferent(Map<String, float[]> a, Map<String, float[]> b) {
        for (String k : a.keySet()) {
            if (!java.util.Arrays.equals(a.get(k), b.get(k))) {
                return true;
            }
        }
        return false;
    }

    /**
     * A listener before the pruner sees each iteration after the weight step and before the ratio
     * step; one after it sees the state after the ratio step. Under Adam, after several iterations:
     * the weight step leaves the mask parameters bit-for-bit as the last ratio step left them, and
     * the ratio step leaves every weight, bias and BatchNormalization value bit-for-bit unchanged.
     */
    @Test
    void freezingIsExactUnderAdam() {
        MultiLayerNetwork net = ListenerTestData.cnnNet(5);
        AutoPruneListener pruner = AutoPruneListener.builder().targetFlops(0.4).warmupEpochs(0).build();
        List<Map<String, float[]>> beforeWeights = new ArrayList<>();
        List<Map<String, float[]>> beforeMasks = new ArrayList<>();
        List<Map<String, float[]>> afterWeights = new ArrayList<>();
        List<Map<String, float[]>> afterMasks = new ArrayList<>();
        net.setListeners(new BaseTrainingListener() {
            @Override
            public void iterationDone(Model model, int iteration, int epoch) {
                beforeWeights.add(snapshot(model, false));
                beforeMasks.add(snapshot(model, true));
            }
        }, pruner, new BaseTrainingListener() {
            @Override
            public void iterationDone(Model model, int iteration, int epoch) {
                afterWeights.add(snapshot(model, false));
                afterMasks.add(snapshot(model, true));
            }
        });
        net.fit(ListenerTestData.iterator(256, 32, 9)); // 8 iterations, all in SEARCH
        assertEquals(Phase.SEARCH, pruner.phase());
        assertEquals(8, afterMasks.size());
        for (int i = 0; i < 8; i++) {
            assertSame(beforeWeights.get(i), afterWeights.get(i), "ratio step " + i + " moved a weight");
            assertTrue(anyDifferent(beforeMasks.get(i), afterMasks.get(i)), "ratio step " + i + " moved no mask parameter");
            if (i > 0) {
                assertSame(afterMasks.get(i - 1), beforeMasks.get(i), "weight step " + i + " moved a mask parameter");
                assertTrue(anyDifferent(afterWeights.get(i - 1), beforeWeights.get(i)), "weight step " + i + " moved nothing");
            }
        }
    }

    @Test
    void penaltyIsAddedToTheReportedScore() {
        MultiLayerNetwork net = ListenerTestData.cnnNet(6);
        AutoPruneListener pruner = AutoPruneListener.builder().targetFlops(0.3).lambda(3.0).warmupEpochs(0).build();
        List<double[]> seen = new ArrayList<>();
        double[] before = new double[1];
        net.setListeners(new BaseTrainingListener() {
            @Override
            public void onGradientCalculation(Model model) {
                before[0] = model.score();
            }
        }, pruner, new BaseTrainingListener() {
            @Override
            public void onGradientCalculation(Model model) {
                double f = pruner.softFraction();
                // Centred half the default tolerance (0.02) below the target 0.3.
                double expected = 3.0 * Math.pow(Math.log(f / 0.29), 2);
                seen.add(new double[] {model.score() - before[0], expected});
            }
        });
        net.fit(ListenerTestData.iterator(128, 32, 1));
        assertEquals(4, seen.size());
        for (double[] s : seen) {
            assertTrue(s[1] > 0.1);
            assertEquals(s[1], s[0], 1e-4);
        }
    }

    /**
     * With plain SGD as the ratio updater, two runs from the same state that differ only in lambda
     * move theta apart by exactly lr * (lambda2 - lambda1) * dP/dtheta: the penalty gradient reaches
     * the ratio parameters at full strength.
     */
    @Test
    void penaltyGradientReachesTheRatioParameters() {
        double lr = 0.01;
        Map<String, Double> theta1 = thetaAfterOneStep(0.0, lr);
        Map<String, Double> theta2 = thetaAfterOneStep(5.0, lr);
        MultiLayerNetwork net = ListenerTestData.cnnNet(7);
        // Expected dP/dtheta at the starting state (theta as initialised; the scores do not enter it).
        dev.autoprune.cost.FlopsCostModel flops = dev.autoprune.cost.FlopsCostModel.of(net,
                org.deeplearning4j.nn.conf.inputs.InputType.convolutional(ListenerTestData.SIZE, ListenerTestData.SIZE, 1));
        Map<String, Double> r = new HashMap<>();
        Map<String, MaskedLayer> masks = new HashMap<>();
        for (String g : flops.groupIds()) {
            MaskedLayer m = (MaskedLayer) net.getLayer(flops.maskNames(g).get(0));
            masks.put(g, m);
            r.put(g, m.ratio());
        }
        double f = flops.fraction(r);
        Map<String, Double> dF = flops.fractionGradient(r);
        for (String g : flops.groupIds()) {
            MaskedLayer m = masks.get(g);
            double drdTheta = dev.autoprune.layers.impl.ChannelMask.keptCountDerivative(m.theta(), m.channels(),
                    m.maskConfig().getMaskSettings().getMinChannels()) / m.channels();
            double dPdTheta = 5.0 * 2 * Math.log(f / 0.29) / f * dF.get(g) * drdTheta; // aim 0.3 - 0.02 / 2
            assertTrue(Math.abs(dPdTheta) > 1e-4, "penalty gradient too small to test: " + dPdTheta);
            assertEquals(-lr * dPdTheta, theta2.get(g) - theta1.get(g), 1e-5 + 1e-3 * Math.abs(lr * dPdTheta), g);
        }
    }

    private static Map<String, Double> thetaAfterOneStep(double lambda, double lr) {
        MultiLayerNetwork net = ListenerTestData.cnnNet(7);
        AutoPruneListener pruner = AutoPruneListener.builder().targetFlops(0.3).lambda(lambda).warmupEpochs(0)
                .ratioUpdater(new Sgd(lr)).build();
        net.setListeners(pruner);
        net.fit(ListenerTestData.iterator(32, 32, 4)); // one weight step, one ratio step
        Map<String, Double> out = new HashMap<>();
        for (Layer l : net.getLayers()) {
            if (l instanceof MaskedLayer m) {
                out.put(l.conf().getLayer().getLayerName(), m.theta());
            }
        }
        return out;
    }

    @Test
    void ratioStepsUseTheValidationIteratorWhenGiven() {
        MultiLayerNetwork net = ListenerTestData.cnnNet(8);
        int[] served = new int[1];
        DataSetIterator validation = new CountingIterator(ListenerTestData.iterator(64, 16, 77), served); // 4 batches
        AutoPruneListener pruner = AutoPruneListener.builder().targetFlops(0.5).warmupEpochs(0)
                .schedule(1, 2).validationData(validation).build();
        net.setListeners(pruner);
        net.fit(ListenerTestData.iterator(160, 32, 3)); // 5 weight steps -> 10 ratio steps
        assertEquals(10, pruner.ratioSteps());
        assertEquals(10, served[0], "each ratio step takes one validation batch (wrapping around)");
    }

    @Test
    void worksForComputationGraph() {
        ComputationGraph net = ListenerTestData.graphNet(9);
        AutoPruneListener pruner = AutoPruneListener.builder().targetFlops(0.5).warmupEpochs(0).maxSearchEpochs(2)
                .fineTuneEpochs(1).build();
        net.setListeners(pruner);
        org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator it =
                new org.nd4j.linalg.dataset.adapter.MultiDataSetIteratorAdapter(ListenerTestData.iterator(128, 32, 5));
        double theta0 = ((MaskedLayer) net.getLayer("mask1")).theta();
        for (int e = 0; e < 3; e++) {
            net.fit(it);
        }
        assertTrue(pruner.isDone());
        assertEquals(MaskMode.HARD, ((MaskedLayer) net.getLayer("mask1")).maskConfig().getMaskSettings().getMode());
        assertNotEquals(theta0, ((MaskedLayer) net.getLayer("mask1")).theta());
        assertTrue(pruner.ratioSteps() > 0);
    }

    /** Counts the batches served. */
    private static final class CountingIterator implements DataSetIterator {
        private final DataSetIterator delegate;
        private final int[] counter;

        CountingIterator(DataSetIterator delegate, int[] counter) {
            this.delegate = delegate;
            this.counter = counter;
        }

        @Override
        public org.nd4j.linalg.dataset.DataSet next(int num) {
            counter[0]++;
            return delegate.next(num);
        }

        @Override
        public org.nd4j.linalg.dataset.DataSet next() {
            counter[0]++;
            return delegate.next();
        }

        @Override
        public boolean hasNext() {
            return delegate.hasNext();
        }

        @Override
        public int inputColumns() {
            return delegate.inputColumns();
        }

        @Override
        public int totalOutcomes() {
            return delegate.totalOutcomes();
        }

        @Override
        public boolean resetSupported() {
            return true;
        }

        @Override
        public boolean asyncSupported() {
            return false;
        }

        @Override
        public void reset() {
            delegate.reset();
        }

        @Override
        public int batch() {
            return delegate.batch();
        }

        @Override
        public void setPreProcessor(org.nd4j.linalg.dataset.api.DataSetPreProcessor preProcessor) {
            delegate.setPreProcessor(preProcessor);
        }

        @Override
        public org.nd4j.linalg.dataset.api.DataSetPreProcessor getPreProcessor() {
            return delegate.getPreProcessor();
        }

        @Override
        public List<String> getLabels() {
            return delegate.getLabels();
        }
    }
}

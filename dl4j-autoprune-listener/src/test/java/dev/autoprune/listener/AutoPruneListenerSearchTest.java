package dev.autoprune.listener;

import dev.autoprune.cost.FlopsCostModel;
import dev.autoprune.cost.ParameterCostModel;
import dev.autoprune.graph.ChannelGroups;
import dev.autoprune.importance.ChannelImportance;
import dev.autoprune.layers.MaskedLayer;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The search's own rules: stopping on patience, the temperature schedule, the importance seed, the cost model. */
class AutoPruneListenerSearchTest {

    private static final InputType INPUT = InputType.convolutional(ListenerTestData.SIZE, ListenerTestData.SIZE, 1);

    /** 160 examples in batches of 32: five weight steps per epoch. */
    private static DataSetIterator fiveBatches() {
        return ListenerTestData.iterator(160, 32, 4);
    }

    /** A listener on {@code net} whose hard cost fraction is always {@code hard}, target 0.5, patience 3. */
    private static AutoPruneListener hardFractionAlways(MultiLayerNetwork net, double hard, double tolerance) {
        return AutoPruneListener.builder().costModel(TestCosts.fixedHard(FlopsCostModel.of(net, INPUT), hard))
                .target(0.5).tolerance(tolerance).patience(3).warmupEpochs(0).maxSearchEpochs(5).fineTuneEpochs(1)
                .build();
    }

    @Test
    void theSearchStopsAfterPatienceChecksWithinTolerance() {
        // A hard fraction just below the target meets the rule at every check: the third one stops the search.
        MultiLayerNetwork net = ListenerTestData.cnnNet(2);
        AutoPruneListener pruner = hardFractionAlways(net, 0.495, 0.02);
        net.setListeners(pruner);
        net.fit(fiveBatches());
        assertEquals(Phase.FINE_TUNE, pruner.phase(), "stopped mid-epoch, long before maxSearchEpochs");
        assertEquals(3, pruner.ratioSteps(), "one check per cycle: three cycles");
        net.fit(fiveBatches());
        assertTrue(pruner.isDone(), "the epoch the search stopped in does not count as fine-tuning");

        // The same run with a tolerance it cannot meet searches on.
        MultiLayerNetwork other = ListenerTestData.cnnNet(2);
        AutoPruneListener strict = hardFractionAlways(other, 0.495, 0.001);
        other.setListeners(strict);
        other.fit(fiveBatches());
        assertEquals(Phase.SEARCH, strict.phase());
        assertEquals(5, strict.ratioSteps());
    }

    @Test
    void theSearchNeverStopsAboveTheTargetHoweverWideTheTolerance() {
        // Just above the target, and with a tolerance that would have let |F - T| <= tol stop at the third check.
        for (double tolerance : new double[] {0.02, 0.6}) {
            MultiLayerNetwork net = ListenerTestData.cnnNet(2);
            AutoPruneListener pruner = hardFractionAlways(net, 0.505, tolerance);
            net.setListeners(pruner);
            net.fit(fiveBatches());
            net.fit(fiveBatches());
            assertEquals(Phase.SEARCH, pruner.phase(), "tolerance " + tolerance);
            assertEquals(10, pruner.ratioSteps());
        }
        // More than the tolerance below the target does not meet the rule either.
        MultiLayerNetwork net = ListenerTestData.cnnNet(2);
        AutoPruneListener pruner = hardFractionAlways(net, 0.47, 0.02);
        net.setListeners(pruner);
        net.fit(fiveBatches());
        assertEquals(Phase.SEARCH, pruner.phase());
    }

    @Test
    void temperatureFallsGeometricallyFromStartToEndOverTheSearch() {
        MultiLayerNetwork net = ListenerTestData.cnnNet(3);
        AutoPruneListener pruner = AutoPruneListener.builder().targetFlops(0.5).temperature(2.0, 0.1).patience(1000)
                .warmupEpochs(0).maxSearchEpochs(3).fineTuneEpochs(0).build();
        assertEquals(2.0, pruner.temperature(), "the start value before the search");
        net.setListeners(pruner);
        for (int e = 0; e < 3; e++) {
            net.fit(fiveBatches());
        }
        assertTrue(pruner.isDone());
        List<SearchRecord> h = pruner.history();
        assertEquals(15, h.size(), "one record per ratio step, five per epoch");
        for (int i = 0; i < 5; i++) {
            assertEquals(2.0, h.get(i).temperature(), "epoch 1: iterations per epoch not known yet, tau stays at start");
        }
        for (int i = 1; i < h.size(); i++) {
            assertTrue(h.get(i).temperature() <= h.get(i - 1).temperature(), "tau never rises, step " + i);
        }
        // Record i is taken before cycle i anneals, so it carries tau(i / (5 * 3)).
        TemperatureSchedule tau = new TemperatureSchedule(2.0, 0.1);
        assertEquals(tau.at(10 / 15.0), h.get(10).temperature(), 1e-12);
        assertEquals(2.0 * Math.pow(0.05, 10 / 15.0), h.get(10).temperature(), 1e-12);
        assertEquals(0.1, pruner.temperature(), 1e-12, "the end value when the search has used all its epochs");
    }

    @Test
    void aMinimumOfSearchIterationsRepeatsShortEpochsAndStretchesTheTemperature() {
        // One epoch of five weight steps could not hold 12 search iterations: the search takes three epochs.
        MultiLayerNetwork net = ListenerTestData.cnnNet(3);
        AutoPruneListener pruner = AutoPruneListener.builder().targetFlops(0.5).temperature(2.0, 0.1).patience(1000)
                .warmupEpochs(0).maxSearchEpochs(1).fineTuneEpochs(0).minSearchIterations(12).build();
        assertEquals(1, pruner.maxTotalEpochs(), "before an epoch has ended: the epochs as set");
        net.setListeners(pruner);
        int epochs = 0;
        while (!pruner.isDone() && epochs < pruner.maxTotalEpochs()) {
            net.fit(fiveBatches());
            epochs++;
        }
        assertTrue(pruner.isDone());
        assertEquals(3, epochs);
        assertEquals(3, pruner.maxTotalEpochs(), "ceil(12 / 5) search epochs");
        List<SearchRecord> h = pruner.history();
        assertEquals(15, h.size());
        TemperatureSchedule tau = new TemperatureSchedule(2.0, 0.1);
        assertEquals(tau.at(10 / 15.0), h.get(10).temperature(), 1e-12, "annealed over the 3 epochs, not 1");
        assertEquals(0.1, pruner.temperature(), 1e-12);
    }

    @Test
    void theImportanceSettingSeedsTheChannelScores() {
        double[][] seeded = new double[2][];
        double[][] expected = new double[2][];
        ChannelImportance[] choices = {ChannelImportance.l1(), ChannelImportance.bnGamma()};
        for (int c = 0; c < 2; c++) {
            MultiLayerNetwork net = ListenerTestData.cnnNet(6);
            AutoPruneListener pruner = AutoPruneListener.builder().importance(choices[c]).warmupEpochs(1).build();
            net.setListeners(pruner);
            net.fit(fiveBatches()); // warm-up; its end starts the search and seeds the scores
            assertEquals(Phase.SEARCH, pruner.phase());
            assertEquals(0, pruner.ratioSteps(), "no ratio step has moved the scores yet");
            seeded[c] = ((MaskedLayer) net.getLayer("mask2")).scores();
            expected[c] = ChannelImportance.standardised(choices[c].of(net, ChannelGroups.of(net, INPUT), "mask2"));
            assertArrayEquals(expected[c], seeded[c], 1e-6, choices[c].name() + " (the masks hold floats)");
        }
        assertFalse(Arrays.equals(seeded[0], seeded[1]), "l1 and bn-gamma rank this BN network's channels differently");
    }

    @Test
    void aCostModelForOtherGroupsIsRefusedNamingThem() {
        MultiLayerNetwork net = ListenerTestData.cnnNet(1);
        ParameterCostModel forGraph = ParameterCostModel.of(ChannelGroups.of(ListenerTestData.graphNet(1), INPUT));
        INDArray before = net.params().dup();
        net.setListeners(AutoPruneListener.builder().costModel(forGraph).build());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> net.fit(fiveBatches()));
        assertTrue(e.getMessage().contains("parameters cost model covers groups [mask1]"), e.getMessage());
        assertTrue(e.getMessage().contains("not covered: [mask2]"), e.getMessage());
        assertEquals(before, net.params(), "refused before any training step");
    }

    @Test
    void aParameterBudgetIsReachedWithTheParameterCostModel() {
        MultiLayerNetwork net = ListenerTestData.cnnNet(1);
        ParameterCostModel params = ParameterCostModel.of(ChannelGroups.of(net, INPUT));
        AutoPruneListener pruner = AutoPruneListener.builder().costModel(params).target(0.5).lambda(2.0)
                .warmupEpochs(0).maxSearchEpochs(10).tolerance(0.04).patience(5).fineTuneEpochs(0).build();
        net.setListeners(pruner);
        DataSetIterator train = ListenerTestData.iterator(256, 32, 2);
        for (int e = 0; e < pruner.maxTotalEpochs() && !pruner.isDone(); e++) {
            net.fit(train);
        }
        assertTrue(pruner.isDone());
        assertSame(params, pruner.costModel());
        assertEquals(params.hardFraction(pruner.keptChannels()), pruner.hardFraction(), 0.0);
        assertTrue(pruner.history().size() < 10 * 8, "converged before the last search epoch: " + pruner.history().size());
        assertEquals(0.5, pruner.hardFraction(), 0.04, "stopped by convergence on the parameter fraction");
    }
}

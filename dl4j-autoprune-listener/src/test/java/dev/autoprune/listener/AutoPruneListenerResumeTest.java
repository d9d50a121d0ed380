package dev.autoprune.listener;

import dev.autoprune.cost.ParameterCostModel;
import dev.autoprune.graph.ChannelGroups;
import dev.autoprune.layers.MaskedLayer;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import dev.autoprune.optimize.SharedAdam;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

import java.io.File;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stopping mid-search and resuming from a checkpoint gives the same ratios as an uninterrupted run. */
class AutoPruneListenerResumeTest {

    private static AutoPruneListener listener() {
        return AutoPruneListener.builder().targetFlops(0.4).warmupEpochs(1).maxSearchEpochs(6).build();
    }

    private static double[] maskState(MultiLayerNetwork net) {
        java.util.List<Double> v = new java.util.ArrayList<>();
        for (Layer l : net.getLayers()) {
            if (l instanceof MaskedLayer m) {
                v.add(m.theta());
                for (double s : m.scores()) {
                    v.add(s);
                }
            }
        }
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Test
    void resumeMidSearchMatchesUninterruptedRun(@TempDir File dir) throws Exception {
        assertResumeMatchesUninterruptedRun(dir, AutoPruneListenerResumeTest::listener);
    }

    @Test
    void theRatioAndScoreUpdatersStatesRoundTripThroughACheckpoint(@TempDir File dir) throws Exception {
        // Both updaters keep state (SharedAdam: moments; Nesterovs: velocity), so a resume that lost either
        // would move theta or the scores differently from the uninterrupted run.
        File f = assertResumeMatchesUninterruptedRun(dir, () -> AutoPruneListener.builder().targetFlops(0.4)
                .warmupEpochs(1).maxSearchEpochs(6).ratioUpdater(new SharedAdam(0.05))
                .scoreUpdater(new Nesterovs(0.05, 0.9)).build());
        PruneState saved = ModelSerializer.getObjectFromFile(f, AutoPruneListener.CHECKPOINT_KEY);
        assertEquals(2 + 1, saved.ratioUpdaterState.length, "two groups' first moments and one second moment");
        assertEquals(16 + 32, saved.scoreUpdaterState.length, "one velocity per channel score");
        assertTrue(Arrays.stream(saved.ratioUpdaterState).anyMatch(v -> v != 0), "a state that has moved");
        assertTrue(Arrays.stream(saved.scoreUpdaterState).anyMatch(v -> v != 0), "a state that has moved");
    }

    /** Runs 4 epochs straight and 2 + checkpoint + 2, and compares; returns the checkpoint. */
    private static File assertResumeMatchesUninterruptedRun(File dir, Supplier<AutoPruneListener> listener)
            throws Exception {
        DataSetIterator data = ListenerTestData.iterator(128, 32, 21);

        MultiLayerNetwork a = ListenerTestData.cnnNet(11);
        AutoPruneListener la = listener.get();
        a.setListeners(la);
        for (int e = 0; e < 4; e++) {
            a.fit(data);
        }

        MultiLayerNetwork b = ListenerTestData.cnnNet(11);
        AutoPruneListener lb = listener.get();
        b.setListeners(lb);
        for (int e = 0; e < 2; e++) {
            b.fit(data);
        }
        assertEquals(Phase.SEARCH, lb.phase());
        File f = new File(dir, "checkpoint.zip");
        lb.writeCheckpoint(b, f);

        MultiLayerNetwork c = ModelSerializer.restoreMultiLayerNetwork(f, true);
        AutoPruneListener lc = listener.get();
        lc.restoreCheckpoint(f);
        assertEquals(lb.history(), lc.history(), "the history before the checkpoint comes back");
        assertTrue(lc.history().size() > 0);
        c.setListeners(lc);
        for (int e = 2; e < 4; e++) {
            c.fit(data);
        }
        assertEquals(la.phase(), lc.phase());
        assertEquals(la.ratioSteps(), lc.ratioSteps());
        assertEquals(la.temperature(), lc.temperature(), 0.0);
        assertArrayEquals(maskState(a), maskState(c), 1e-6);
        assertArrayEquals(a.params().dup().data().asFloat(), c.params().dup().data().asFloat(), 1e-5f);
        assertEquals(la.history().size(), lc.history().size(), "one history over the whole search");
        return f;
    }

    @Test
    void aCheckpointWithOneUpdaterStateForThetaAndScoresResumesWithFreshUpdaters(@TempDir File dir) throws Exception {
        File f = new File(dir, "checkpoint.zip");
        AutoPruneListener saved = searchAndSave(f);
        // The format before theta and the scores had their own updaters: one state for both.
        PruneState state = ModelSerializer.getObjectFromFile(f, AutoPruneListener.CHECKPOINT_KEY);
        state.optimizerState = new double[2 * (2 + 16 + 32)];
        state.ratioUpdaterState = null;
        state.scoreUpdaterState = null;
        File old = new File(dir, "old.zip");
        MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(f, true);
        ModelSerializer.writeModel(net, old, true);
        ModelSerializer.addObjectToFile(old, AutoPruneListener.CHECKPOINT_KEY, state);
        ModelSerializer.addObjectToFile(old, Checkpoints.SETTINGS_KEY, saved.settings());

        AutoPruneListener resumed = listener();
        resumed.restoreCheckpoint(old);
        net.setListeners(resumed);
        net.fit(ListenerTestData.iterator(64, 32, 21));
        assertEquals(saved.ratioSteps() + 2, resumed.ratioSteps(), "the search goes on");
        assertEquals(Phase.SEARCH, resumed.phase());
    }

    /** Two search epochs of a fresh network with {@link #listener()}, saved to {@code f}. */
    private static AutoPruneListener searchAndSave(File f) throws Exception {
        MultiLayerNetwork b = ListenerTestData.cnnNet(11);
        AutoPruneListener lb = listener();
        b.setListeners(lb);
        DataSetIterator data = ListenerTestData.iterator(64, 32, 21);
        b.fit(data);
        b.fit(data);
        lb.writeCheckpoint(b, f);
        return lb;
    }

    @Test
    void restoringWithOtherSettingsIsRefusedNamingEachDifference(@TempDir File dir) throws Exception {
        File f = new File(dir, "checkpoint.zip");
        AutoPruneListener saved = searchAndSave(f);
        assertEquals(saved.settings(), AutoPruneListener.checkpointSettings(f).orElseThrow());
        AutoPruneListener other = AutoPruneListener.builder().targetFlops(0.4).warmupEpochs(1).maxSearchEpochs(6)
                .lambda(3.0).patience(5).build();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> other.restoreCheckpoint(f));
        assertTrue(e.getMessage().contains("lambda: 2.0 vs 3.0; patience: 20 vs 5"), e.getMessage());
        assertEquals(Phase.WARMUP, other.phase(), "a refused restore changes nothing");

        MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(f, true);
        AutoPruneListener params = AutoPruneListener.builder().settings(saved.settings())
                .costModel(ParameterCostModel.of(ChannelGroups.of(net,
                        InputType.convolutional(ListenerTestData.SIZE, ListenerTestData.SIZE, 1)))).build();
        IllegalStateException cost = assertThrows(IllegalStateException.class, () -> params.restoreCheckpoint(f));
        assertTrue(cost.getMessage().contains("costModel: FLOPs vs parameters"), cost.getMessage());
    }

    @Test
    void aCheckpointWithoutSettingsStillRestores(@TempDir File dir) throws Exception {
        File f = new File(dir, "checkpoint.zip");
        AutoPruneListener saved = searchAndSave(f);
        // The format before checkpoints stored settings and history: the model and the state only.
        File old = new File(dir, "old.zip");
        MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(f, true);
        ModelSerializer.writeModel(net, old, true);
        PruneState state = ModelSerializer.getObjectFromFile(f, AutoPruneListener.CHECKPOINT_KEY);
        ModelSerializer.addObjectToFile(old, AutoPruneListener.CHECKPOINT_KEY, state);

        AutoPruneListener other = AutoPruneListener.builder().targetFlops(0.4).warmupEpochs(1).maxSearchEpochs(6)
                .lambda(3.0).build();
        other.restoreCheckpoint(old);
        assertEquals(saved.phase(), other.phase());
        assertEquals(saved.ratioSteps(), other.ratioSteps());
        assertEquals(List.of(), other.history());
        assertTrue(AutoPruneListener.checkpointSettings(old).isEmpty());
    }

    @Test
    void restoringFromAPlainModelFileIsRefused(@TempDir File dir) throws Exception {
        MultiLayerNetwork net = ListenerTestData.cnnNet(1);
        File f = new File(dir, "plain.zip");
        ModelSerializer.writeModel(net, f, true);
        assertThrows(IllegalArgumentException.class, () -> listener().restoreCheckpoint(f));
    }
}

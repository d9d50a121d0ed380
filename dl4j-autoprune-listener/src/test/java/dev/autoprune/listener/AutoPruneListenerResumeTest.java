package dev.autoprune.listener;

import dev.autoprune.layers.MaskedLayer;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

import java.io.File;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
        DataSetIterator data = ListenerTestData.iterator(128, 32, 21);

        MultiLayerNetwork a = ListenerTestData.cnnNet(11);
        AutoPruneListener la = listener();
        a.setListeners(la);
        for (int e = 0; e < 4; e++) {
            a.fit(data);
        }

        MultiLayerNetwork b = ListenerTestData.cnnNet(11);
        AutoPruneListener lb = listener();
        b.setListeners(lb);
        for (int e = 0; e < 2; e++) {
            b.fit(data);
        }
        assertEquals(Phase.SEARCH, lb.phase());
        File f = new File(dir, "checkpoint.zip");
        lb.writeCheckpoint(b, f);

        MultiLayerNetwork c = ModelSerializer.restoreMultiLayerNetwork(f, true);
        AutoPruneListener lc = listener();
        lc.restoreCheckpoint(f);
        c.setListeners(lc);
        for (int e = 2; e < 4; e++) {
            c.fit(data);
        }
        assertEquals(la.phase(), lc.phase());
        assertEquals(la.ratioSteps(), lc.ratioSteps());
        assertEquals(la.temperature(), lc.temperature(), 0.0);
        assertArrayEquals(maskState(a), maskState(c), 1e-6);
        assertArrayEquals(a.params().dup().data().asFloat(), c.params().dup().data().asFloat(), 1e-5f);
    }

    @Test
    void restoringFromAPlainModelFileIsRefused(@TempDir File dir) throws Exception {
        MultiLayerNetwork net = ListenerTestData.cnnNet(1);
        File f = new File(dir, "plain.zip");
        ModelSerializer.writeModel(net, f, true);
        assertThrows(IllegalArgumentException.class, () -> listener().restoreCheckpoint(f));
    }
}

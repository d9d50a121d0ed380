package dev.autoprune.listener;

import dev.autoprune.ChannelPruner;
import dev.autoprune.cost.LatencyModel;
import dev.autoprune.cost.SyntheticTimer;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pruning to a latency target: the listener converges on the latency model's prediction for the
 * compacted widths, a target below the model's floor is refused at build time with the floor in the
 * message, and the short form's options are validated. The latency model uses a synthetic timer
 * (deterministic; nothing is timed).
 */
class AutoPruneListenerLatencyTest {

    private static final InputType INPUT = InputType.convolutional(ListenerTestData.SIZE, ListenerTestData.SIZE, 1);

    private static LatencyModel latency(MultiLayerNetwork net) {
        return LatencyModel.builder(32).timer(new SyntheticTimer("test", 0)).progress(s -> { }).measure(net, INPUT);
    }

    @Test
    void reachesTheLatencyTargetInTheModelsPrediction() {
        MultiLayerNetwork net = ListenerTestData.cnnNet(1);
        LatencyModel model = latency(net);
        double target = 0.6;
        assertTrue(model.minimumFraction() < target, "floor " + model.minimumFraction());
        DataSetIterator train = ListenerTestData.iterator(512, 32, 2);
        AutoPruneListener pruner = AutoPruneListener.builder().costModel(model).target(target).lambda(2.0)
                .warmupEpochs(1).maxSearchEpochs(12).fineTuneEpochs(1).patience(10).build();
        net.addListeners(pruner);
        int epochs = 0;
        while (!pruner.isDone() && epochs < pruner.maxTotalEpochs()) {
            net.fit(train);
            epochs++;
        }
        assertTrue(pruner.isDone(), "listener did not finish in " + epochs + " epochs");
        assertSame(model, pruner.costModel());
        Map<String, Integer> kept = new LinkedHashMap<>(pruner.keptChannels());
        double predicted = model.hardFraction(kept);
        assertEquals(pruner.hardFraction(), predicted, 1e-12);
        assertEquals(target, predicted, pruner.settings().tolerance() + 1e-9, "predicted latency fraction " + predicted);

        // the compacted network's widths are the kept counts the prediction used
        MultiLayerNetwork small = ChannelPruner.compact(net, INPUT);
        LatencyModel ofSmall = LatencyModel.builder(32).timer(new SyntheticTimer("test", 0)).progress(s -> { })
                .measure(small, INPUT);
        assertEquals(predicted, ofSmall.fullSeconds() / model.fullSeconds(), 1e-9,
                "the synthetic times of the compacted layers are the predicted ones");
    }

    @Test
    void refusesATargetBelowTheFloorWithTheFloorInTheMessage() {
        LatencyModel model = latency(ListenerTestData.cnnNet(1));
        double below = model.minimumFraction() / 2;
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> AutoPruneListener.builder().costModel(model).target(below).build());
        assertEquals("target", e.setting());
        assertTrue(e.getMessage().contains(String.format(java.util.Locale.ROOT, "%.4f", model.minimumFraction())),
                e.getMessage());
        assertTrue(e.getMessage().contains("latency"), e.getMessage());
    }

    @Test
    void shortFormValidatesItsOptions() {
        InvalidSettingException batch = assertThrows(InvalidSettingException.class,
                () -> AutoPruneListener.builder().targetLatency(0.5, -1).build());
        assertEquals("latencyBatch", batch.setting());
        LatencyModel model = latency(ListenerTestData.cnnNet(1));
        InvalidSettingException both = assertThrows(InvalidSettingException.class,
                () -> AutoPruneListener.builder().costModel(model).targetLatency(0.7, 32).build());
        assertEquals("costModel", both.setting());
        AutoPruneListener ok = AutoPruneListener.builder().targetLatency(0.5, 16).build();
        assertEquals(0.5, ok.settings().target(), 0);
    }
}

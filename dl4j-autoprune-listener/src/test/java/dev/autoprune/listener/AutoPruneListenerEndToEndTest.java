package dev.autoprune.listener;

import dev.autoprune.ChannelPruner;
import dev.autoprune.flops.FlopsCounter;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * From the full network the listener converges on the FLOPs target, the compacted network really has
 * that many FLOPs, channels moved in and out of the kept sets on the way, and the pruned network
 * classifies within 0.1 of an unpruned control trained on the same data for the same epochs.
 */
class AutoPruneListenerEndToEndTest {

    private static final InputType INPUT = InputType.convolutional(ListenerTestData.SIZE, ListenerTestData.SIZE, 1);
    /** How much accuracy the pruned network may lose against the unpruned control. */
    private static final double ACCURACY_MARGIN = 0.1;

    @ParameterizedTest(name = "target {0}")
    @ValueSource(doubles = {0.5, 0.3})
    void reachesTargetFlops(double target) {
        MultiLayerNetwork net = ListenerTestData.cnnNet(1);
        DataSetIterator train = ListenerTestData.iterator(512, 32, 2);
        DataSet test = ListenerTestData.images(256, 3);
        AutoPruneListener pruner = AutoPruneListener.builder().targetFlops(target).lambda(2.0)
                .warmupEpochs(1).maxSearchEpochs(16).fineTuneEpochs(1).patience(10).build();
        net.addListeners(pruner);
        int epochs = 0;
        while (!pruner.isDone() && epochs < pruner.maxTotalEpochs()) {
            net.fit(train);
            epochs++;
        }
        assertTrue(pruner.isDone(), "listener did not finish in " + epochs + " epochs");
        // A search that runs out hardens at the end of its last epoch (lowered to the target if above it) and
        // then fine-tunes: it uses every epoch. Fewer epochs mean the stopping rule ended the search.
        assertTrue(epochs < pruner.maxTotalEpochs(), "the search converged before its last epoch: " + epochs);

        // The FLOPs of the compacted network, counted afresh, are the listener's hard fraction.
        MultiLayerNetwork small = ChannelPruner.compact(net, INPUT);
        double measured = FlopsCounter.of(small.getLayerWiseConfigurations(), INPUT).totalFlops()
                / (double) FlopsCounter.of(ListenerTestData.cnn(1), INPUT).totalFlops();
        assertEquals(pruner.hardFraction(), measured, 1e-12);
        assertTrue(pruner.settings().meetsTarget(measured), "compacted FLOPs fraction " + measured
                + ": at or below the target " + target + " by at most the tolerance");

        int changes = pruner.membershipChanges().values().stream().mapToInt(Integer::intValue).sum();
        assertTrue(changes > 0, "the search moved channels in and out of the kept sets: " + pruner.membershipChanges());

        MultiLayerNetwork control = ListenerTestData.cnnNet(1); // identity masks: the unpruned network
        for (int e = 0; e < epochs; e++) {
            control.fit(train);
        }
        double acc = ListenerTestData.accuracy(small, test);
        double controlAcc = ListenerTestData.accuracy(control, test);
        assertTrue(acc >= controlAcc - ACCURACY_MARGIN, "pruned accuracy " + acc + " vs control " + controlAcc);
        assertTrue(acc > 0.6, "accuracy " + acc + " (chance is 0.25)");
    }
}

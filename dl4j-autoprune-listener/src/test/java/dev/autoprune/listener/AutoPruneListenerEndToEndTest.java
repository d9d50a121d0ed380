package dev.autoprune.listener;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** From the full network the listener reaches the FLOPs target within +-2% and keeps the accuracy well above chance. */
class AutoPruneListenerEndToEndTest {

    @ParameterizedTest(name = "target {0}")
    @ValueSource(doubles = {0.5, 0.3})
    void reachesTargetFlops(double target) {
        MultiLayerNetwork net = ListenerTestData.cnnNet(1);
        DataSetIterator train = ListenerTestData.iterator(512, 32, 2);
        DataSet test = ListenerTestData.images(256, 3);
        AutoPruneListener pruner = AutoPruneListener.builder().targetFlops(target).lambda(2.0)
                .warmupEpochs(1).maxSearchEpochs(12).fineTuneEpochs(1).patience(10).build();
        net.addListeners(pruner);
        int epochs = 0;
        while (!pruner.isDone() && epochs < pruner.maxTotalEpochs()) {
            net.fit(train);
            epochs++;
        }
        assertTrue(pruner.isDone(), "listener did not finish in " + epochs + " epochs");
        assertEquals(target, pruner.hardFraction(), 0.02, "hard FLOPs fraction " + pruner.hardFraction());
        double acc = ListenerTestData.accuracy(net, test);
        assertTrue(acc > 0.6, "accuracy " + acc + " (chance is 0.25)");
        assertTrue(pruner.membershipChanges().values().stream().mapToInt(Integer::intValue).sum() >= 0);
    }
}

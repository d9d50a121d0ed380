package dev.autoprune.examples;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;


class ListenerInTrainingLoopExampleTest {

    @Test
    void prunesLeNetInsideItsOwnLoop() {
        ExampleResult r = ListenerInTrainingLoopExample.run(TinyData.train(128), TinyData.test(128), 1, 30);
        MultiLayerNetwork unpruned = new MultiLayerNetwork(LeNet.configuration(16, 32, 128, 10, 42));
        unpruned.init();
        double control = ExampleAssertions.control(unpruned, TinyData.train(128), TinyData.test(128), r.epochs());
        ExampleAssertions.prunedAndPlain(r, ExampleAssertions.TARGET_HALF, ExampleAssertions.TEN_CLASSES, control);
    }
}

package dev.autoprune.examples;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

class ListenerInTrainingLoopExampleTest {

    @Test
    void prunesLeNetInsideItsOwnLoop() {
        ExampleResult r = ListenerInTrainingLoopExample.run(TinyData.train(64), TinyData.test(64), 1, 30);
        ExampleAssertions.prunedAndPlain(r);
        assertTrue(r.flopsFraction() < 0.95, "FLOPs fraction " + r.flopsFraction());
    }
}

package dev.autoprune.examples;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResidualGraphExampleTest {

    @Test
    void residualChannelsArePrunedTogether() {
        ExampleResult r = ResidualGraphExample.run(TinyData.train(64), TinyData.test(32), 4, 1, 30);
        ExampleAssertions.prunedAndPlain(r);
        ComputationGraph g = (ComputationGraph) r.compacted();
        long stem = g.getLayer("stem_conv").getParam("W").size(0);
        // The adds couple stem, block1_b and block2_b: they keep the same number of channels.
        assertEquals(stem, g.getLayer("block1_b_conv").getParam("W").size(0));
        assertEquals(stem, g.getLayer("block2_b_conv").getParam("W").size(0));
        assertTrue(stem >= 1 && stem <= 4);
    }
}

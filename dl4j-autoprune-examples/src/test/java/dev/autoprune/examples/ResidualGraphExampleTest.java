package dev.autoprune.examples;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResidualGraphExampleTest {

    @Test
    void residualChannelsArePrunedTogether() {
        ExampleResult r = ResidualGraphExample.run(TinyData.train(512, 16), TinyData.test(128), 8, 1, 10);
        ComputationGraph unpruned = new ComputationGraph(ResidualGraphExample.configuration(8, 42));
        unpruned.init();
        double control = ExampleAssertions.control(unpruned, TinyData.train(512, 16), TinyData.test(128), r.epochs());
        ExampleAssertions.prunedAndPlain(r, ExampleAssertions.TARGET_HALF, ExampleAssertions.TEN_CLASSES, control);
        ComputationGraph g = (ComputationGraph) r.compacted();
        long stem = g.getLayer("stem_conv").getParam("W").size(0);
        // The adds couple stem, block1_b and block2_b: they keep the same number of channels.
        assertEquals(stem, g.getLayer("block1_b_conv").getParam("W").size(0));
        assertEquals(stem, g.getLayer("block2_b_conv").getParam("W").size(0));
        long channels = 0;
        for (String conv : new String[] {"stem_conv", "block1_a_conv", "block1_b_conv", "block2_a_conv", "block2_b_conv"}) {
            channels += g.getLayer(conv).getParam("W").size(0);
        }
        assertTrue(channels < 5 * 8, "no convolution channel removed (" + channels + " of 40 kept)");
    }
}

package dev.autoprune.flops;

import dev.autoprune.graph.TestNetworks;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlopsCounterTest {

    @Test
    void lenetByHand() {
        FlopsCounter c = FlopsCounter.of(TestNetworks.lenet(), TestNetworks.LENET_INPUT);
        // conv1 5x5x1 -> 6 at 12x12; conv2 3x3x6 -> 8 at 4x4; dense 8*2*2 -> 10; output 10 -> 3
        assertEquals(25 * 6 * 144, c.layer("c1").macs());
        assertEquals(9 * 6 * 8 * 16, c.layer("c2").macs());
        assertEquals(32 * 10, c.layer("d1").macs());
        assertEquals(30, c.layer("out").macs());
        assertEquals(0, c.layer("m3").macs());
        assertEquals(28862, c.totalMacs());
        assertEquals(2 * 28862, c.totalFlops());
        assertEquals(156 + 440 + 330 + 33, c.totalParams());
        Map<String, Double> r = Map.of("c1", 0.5, "c2", 0.25, "m3", 0.6);
        double macs = 21600 * 0.5 + 6912 * 0.5 * 0.25 + 320 * 0.25 * 0.6 + 30 * 0.6;
        assertEquals(2 * macs, c.flops(r), 1e-9);
        double params = (25 * 6 * 0.5 + 6 * 0.5) + (9 * 6 * 0.5 * 8 * 0.25 + 8 * 0.25) + (32 * 0.25 * 10 * 0.6 + 10 * 0.6)
                + (10 * 0.6 * 3 + 3);
        assertEquals(params, c.params(r), 1e-9);
    }

    @Test
    void vggBnByHand() {
        FlopsCounter c = FlopsCounter.of(TestNetworks.vggBn(), TestNetworks.RGB8);
        long conv = 9 * 3 * 8 * 64 + 9 * 8 * 16 * 64 + 9 * 16 * 16 * 16;
        long bn = 8 * 64 + 16 * 64 + 16 * 16;
        assertEquals(conv + bn + 16 * 4, c.totalMacs());
        assertEquals(8 * 64, c.layer("layer1").macs(), "BatchNormalization: one MAC per element");
        assertEquals(224 + 32 + 1168 + 64 + 2320 + 64 + 68, c.totalParams());
    }

    @Test
    void parameterCountsMatchDl4jWithoutMaskParameters() {
        MultiLayerNetwork vgg = TestNetworks.init(TestNetworks.vggBn());
        long maskParams = (1 + 8) + (1 + 16) + (1 + 16);
        assertEquals(vgg.numParams() - maskParams, FlopsCounter.of(TestNetworks.vggBn(), TestNetworks.RGB8).totalParams());
        MultiLayerNetwork sep = TestNetworks.init(TestNetworks.separable());
        assertEquals(sep.numParams() - (1 + 8) - (1 + 12),
                FlopsCounter.of(TestNetworks.separable(), TestNetworks.RGB8).totalParams());
        long graphMasks = (1 + 8) * 2 + (1 + 8) + (1 + 12) * 2;
        assertEquals(TestNetworks.init(TestNetworks.resnet()).numParams() - graphMasks,
                FlopsCounter.of(TestNetworks.resnet(), TestNetworks.RGB8).totalParams());
    }

    @Test
    void separableAndDepthwiseByHand() {
        FlopsCounter c = FlopsCounter.of(TestNetworks.separable(), TestNetworks.RGB8);
        assertEquals(9 * 8 * 64, c.layer("dw").macs());
        assertEquals(9 * 2 * 8 * 64 + 2 * 8 * 12 * 64, c.layer("sep").macs());
        assertEquals(9 * 2 * 8 * 0.5 * 64 + 2 * 8 * 0.5 * 12 * 0.25 * 64,
                c.layer("sep").macs(Map.of("m1", 0.5, "m2", 0.25)), 1e-9);
        assertTrue(c.layer("sep").counted());
    }

    @Test
    void residualCouplingIsQuadraticInTheStageRatio() {
        FlopsCounter c = FlopsCounter.of(TestNetworks.resnet(), TestNetworks.RGB8);
        // b1b reads b1m's channels and writes the stage group s0
        assertEquals(9 * 8 * 0.5 * 8 * 0.25 * 64, c.layer("b1b").macs(Map.of("b1m", 0.5, "s0", 0.25)), 1e-9);
        // proj reads s0 and writes s2
        assertEquals(8 * 0.25 * 12 * 0.5 * 64, c.layer("proj").macs(Map.of("s0", 0.25, "s2", 0.5)), 1e-9);
        assertFalse(c.groups().group("s0").maskNames().isEmpty());
    }
}

package dev.autoprune.cost;

import dev.autoprune.graph.ChannelGroups;
import dev.autoprune.graph.TestNetworks;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The normalised FLOPs cost model: contract, tied groups, exact gradient, argument checks. */
class FlopsCostModelTest {

    @Test
    void contractOnLenet() {
        MultiLayerNetwork net = TestNetworks.init(TestNetworks.lenet());
        FlopsCostModel m = FlopsCostModel.of(net);
        assertEquals(List.of("c1", "c2", "m3"), m.groupIds());
        assertEquals(2 * 28862, m.fullFlops());
        assertEquals(1.0, m.fraction(Map.of()), 1e-15);
        assertEquals(8, m.channels("c2"));
        assertEquals(1, m.minChannels("c2"));
        assertEquals(List.of("m3"), m.maskNames("m3"));
        double min = (21600.0 / 6 + 6912.0 / 48 + 320.0 / 80 + 30.0 / 10) / 28862;
        assertEquals(min, m.minimumFraction(), 1e-12);
        assertEquals(m.fraction(Map.of("c1", 0.5, "c2", 0.25, "m3", 0.3)),
                m.hardFraction(Map.of("c1", 3, "c2", 2, "m3", 3)), 1e-12);
    }

    @Test
    void tiedMasksAreOneGroup() {
        FlopsCostModel m = FlopsCostModel.of(ChannelGroups.of(TestNetworks.resnet(), TestNetworks.RGB8));
        assertEquals(List.of("s0", "b1m", "b2m", "s2"), m.groupIds());
        assertEquals(List.of("s0", "s1"), m.maskNames("s0"));
        assertEquals(2, m.minChannels("b1m"));
    }

    @Test
    void gradientMatchesCentralDifferences() {
        Random rnd = new Random(7);
        for (FlopsCostModel m : List.of(FlopsCostModel.of(ChannelGroups.of(TestNetworks.resnet(), TestNetworks.RGB8)),
                FlopsCostModel.of(ChannelGroups.of(TestNetworks.inception(), TestNetworks.RGB8)),
                FlopsCostModel.of(ChannelGroups.of(TestNetworks.separable(), TestNetworks.RGB8)))) {
            CostModelChecks.assertGradientMatchesCentralDifferences(m, rnd);
        }
    }

    @Test
    void badArgumentsNameTheGroup() {
        FlopsCostModel m = FlopsCostModel.of(ChannelGroups.of(TestNetworks.lenet()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.fraction(Map.of("c2", Double.NaN)));
        assertTrue(e.getMessage().contains("\"c2\""), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> m.fraction(Map.of("nope", 0.5)));
        assertThrows(IllegalArgumentException.class, () -> m.hardFraction(Map.of("c2", 9)));
        assertThrows(IllegalArgumentException.class, () -> m.channels("p1"));
    }
}

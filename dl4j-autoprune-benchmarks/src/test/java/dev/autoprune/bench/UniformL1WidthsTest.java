package dev.autoprune.bench;

import dev.autoprune.cost.FlopsCostModel;
import dev.autoprune.graph.ChannelGroup;
import dev.autoprune.graph.ChannelGroups;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Uniform L1 pruning at the uniform widths that match a cost fraction, on the residual graph. */
class UniformL1WidthsTest {

    @Test
    void matchesTheCostFractionWithTheSameKeepFractionInEveryGroup() {
        BenchModel base = BenchModelTest.residual(8);
        ChannelGroups groups = base.prunable().groups();
        FlopsCostModel flops = FlopsCostModel.of(groups);
        Map<String, Integer> kept = UniformL1Widths.matching(groups, flops, 0.5);
        assertEquals(0.5, flops.hardFraction(kept), 0.1, "the closest of the uniform widths (steps of 1/8)");
        int first = kept.values().iterator().next();
        assertTrue(first < 8, "something is pruned: " + kept);
        for (ChannelGroup g : groups.masked()) {
            assertEquals(8, g.channels(), g.id());
            assertEquals(first, kept.get(g.id()), "every group of 8 keeps as many channels: " + kept);
        }
        BenchModel pruned = UniformL1Widths.prune(base, kept);
        assertEquals(flops.hardFraction(kept), (double) pruned.flops() / base.flops(), 1e-9,
                "the compacted graph has the FLOPs the cost model counts for these widths");
        assertTrue(pruned.isGraph());
    }

    @Test
    void refusesWidthsThatMissAGroup() {
        BenchModel base = BenchModelTest.residual(4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> UniformL1Widths.prune(base, Map.of()));
        assertTrue(e.getMessage().contains("no kept count"), e.getMessage());
    }
}

package dev.autoprune.bench;

import dev.autoprune.cost.CostModel;
import dev.autoprune.graph.ChannelGroup;
import dev.autoprune.graph.ChannelGroups;
import dev.autoprune.importance.ChannelImportance;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Uniform L1 pruning (the baseline of {@link UniformL1Pruning}: the same fraction of channels in every
 * group, those with the smallest L1 norm removed) for networks and graphs, at the uniform widths whose
 * cost under any {@link CostModel} is closest to a fraction; used to compare methods at equal predicted
 * latency.
 */
final class UniformL1Widths {

    private UniformL1Widths() {
    }

    /** Per group, {@code round(keep * channels)} within {@code [minChannels, channels]}. */
    static Map<String, Integer> uniform(ChannelGroups groups, double keep) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (ChannelGroup g : groups.masked()) {
            int c = (int) g.channels();
            out.put(g.id(), (int) Math.max(g.minChannels(), Math.min(c, Math.round(keep * c))));
        }
        return out;
    }

    /** The uniform widths (keep fraction in steps of 0.001) whose hard cost fraction is closest to {@code fraction}. */
    static Map<String, Integer> matching(ChannelGroups groups, CostModel cost, double fraction) {
        Map<String, Integer> best = uniform(groups, 1);
        double bestError = Double.MAX_VALUE;
        for (int i = 1000; i >= 1; i--) {
            Map<String, Integer> kept = uniform(groups, i / 1000.0);
            double error = Math.abs(cost.hardFraction(kept) - fraction);
            if (error < bestError) {
                bestError = error;
                best = kept;
            }
        }
        return best;
    }

    /**
     * The compacted network of a prunable copy of {@code trained} that keeps, per group, the {@code kept}
     * channels of largest L1 norm.
     */
    static BenchModel prune(BenchModel trained, Map<String, Integer> kept) {
        BenchModel masked = trained.prunable();
        ChannelGroups groups = masked.groups();
        Map<String, double[]> scores = new LinkedHashMap<>();
        for (ChannelGroup g : groups.masked()) {
            if (!kept.containsKey(g.id())) {
                throw new IllegalArgumentException("Uniform L1: no kept count for group \"" + g.id() + "\"; give one "
                        + "for every group of " + kept.keySet());
            }
            scores.put(g.id(), ChannelImportance.l1().of(masked.model(), groups, g.id()));
        }
        return HardMaskPruning.compact(masked, groups, kept, scores);
    }
}

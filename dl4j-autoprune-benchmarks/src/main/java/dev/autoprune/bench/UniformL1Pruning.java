package dev.autoprune.bench;

import dev.autoprune.cost.FlopsCostModel;
import dev.autoprune.graph.ChannelGroup;
import dev.autoprune.graph.ChannelGroups;
import dev.autoprune.importance.ChannelImportance;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The baseline of H. Li, A. Kadav, I. Durdanovic, H. Samet, H. P. Graf, "Pruning Filters for
 * Efficient ConvNets", ICLR 2017: remove the same fraction of filters in every prunable group,
 * taking those with the smallest L1 norm, then fine-tune. Built on this project's masks and removal
 * code ({@link HardMaskPruning}), so every method shares one removal path. Works on MultiLayerNetworks
 * and ComputationGraphs (tied residual groups are cut as one group).
 */
public final class UniformL1Pruning {

    private UniformL1Pruning() {
    }

    /** A pruned copy of {@code trained} whose hard FLOPs fraction is as close as possible to {@code targetFraction}. */
    public static Result prune(BenchModel trained, double targetFraction) {
        BenchModel masked = trained.prunable();
        ChannelGroups groups = masked.groups();
        FlopsCostModel flops = FlopsCostModel.of(groups);
        double bestKeep = 1;
        double bestError = Double.MAX_VALUE;
        for (int i = 1000; i >= 1; i--) {
            double keep = i / 1000.0;
            double error = Math.abs(flops.hardFraction(counts(groups, keep)) - targetFraction);
            if (error < bestError) {
                bestError = error;
                bestKeep = keep;
            }
        }
        Map<String, Integer> kept = counts(groups, bestKeep);
        Map<String, double[]> scores = new LinkedHashMap<>();
        for (ChannelGroup g : groups.masked()) {
            scores.put(g.id(), ChannelImportance.l1().of(masked.model(), groups, g.id()));
        }
        return new Result(HardMaskPruning.compact(masked, groups, kept, scores), bestKeep, flops.hardFraction(kept), kept);
    }

    /**
     * The pruned network.
     *
     * @param network      the compacted network
     * @param keepFraction the uniform fraction of channels kept per group
     * @param hardFlops    its FLOPs fraction
     * @param kept         kept channels per group
     */
    public record Result(BenchModel network, double keepFraction, double hardFlops, Map<String, Integer> kept) {
    }

    private static Map<String, Integer> counts(ChannelGroups groups, double keep) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (ChannelGroup g : groups.masked()) {
            int c = (int) g.channels();
            out.put(g.id(), (int) Math.max(g.minChannels(), Math.min(c, Math.round(keep * c))));
        }
        return out;
    }
}

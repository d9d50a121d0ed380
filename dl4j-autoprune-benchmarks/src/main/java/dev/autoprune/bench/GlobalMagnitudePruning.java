package dev.autoprune.bench;

import dev.autoprune.cost.FlopsCostModel;
import dev.autoprune.graph.ChannelGroup;
import dev.autoprune.graph.ChannelGroups;
import dev.autoprune.importance.ChannelImportance;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The "global pruning" baseline of dependency-graph pruning tools (G. Fang, X. Ma, M. Song, M. B. Mi,
 * X. Wang, "DepGraph: Towards Any Structural Pruning", CVPR 2023, and its Torch-Pruning library): rank
 * the channels of all prunable groups together by a per-group normalised magnitude and remove the
 * lowest-ranked ones, one at a time, until the network's hard FLOPs fraction is at or just below the
 * target; then compact (and the caller fine-tunes). Unlike {@link UniformL1Pruning} the allocation is
 * not uniform: a group whose channels are weak relative to each other loses more of them. It is a
 * cheap non-uniform allocation to compare a learned one with.
 *
 * <p>Importance: |gamma| of the group's BatchNormalization layers where the group has one
 * ({@link ChannelImportance#bnGamma()}), else the L2 norm of the producing filters
 * ({@link ChannelImportance#l2()}). Raw magnitudes are not comparable across groups (BN scales,
 * fan-in and the number of tied layers differ), so each group's values are divided by the group's
 * <em>mean</em>: every group then has mean importance 1 and a channel ranks by how weak it is relative
 * to its own group. The mean, not the maximum, because the maximum lets one outlier channel push all
 * the other channels of its group down the global ranking (Torch-Pruning's default group normaliser
 * is the mean, too). FLOPs per channel do not enter the ranking, as in the reference.
 *
 * <p>Removal never takes a group's last channels (it stops at the masks' {@code minChannels}, 1 by
 * default). Ties rank the group listed first, then the higher channel index, first.
 */
public final class GlobalMagnitudePruning {

    private GlobalMagnitudePruning() {
    }

    /**
     * A pruned copy of {@code trained} whose hard FLOPs fraction is at or just below {@code targetFraction}:
     * removing one channel fewer would leave it above.
     *
     * @throws IllegalArgumentException when the target is not in (0, 1] or below what keeping
     *                                  {@code minChannels} in every group costs
     */
    public static Result prune(BenchModel trained, double targetFraction) {
        if (!(targetFraction > 0 && targetFraction <= 1)) {
            throw new IllegalArgumentException("Global pruning: the target FLOPs fraction must be in (0, 1], found "
                    + targetFraction);
        }
        BenchModel masked = trained.prunable();
        ChannelGroups groups = masked.groups();
        FlopsCostModel flops = FlopsCostModel.of(groups);
        if (flops.minimumFraction() > targetFraction) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "Global pruning: the target FLOPs "
                    + "fraction %.4f is below %.4f, what the network costs with every group at its minimum channels; "
                    + "choose a larger target", targetFraction, flops.minimumFraction()));
        }
        Map<String, double[]> scores = new LinkedHashMap<>();
        Map<String, Integer> kept = new LinkedHashMap<>();
        List<Channel> ranking = new ArrayList<>();
        List<ChannelGroup> masks = groups.masked();
        for (int gi = 0; gi < masks.size(); gi++) {
            ChannelGroup g = masks.get(gi);
            double[] importance = importance(g, groups).of(masked.model(), groups, g.id());
            scores.put(g.id(), importance);
            kept.put(g.id(), (int) g.channels());
            double[] normalised = normalisedByMean(importance);
            for (int c = 0; c < normalised.length; c++) {
                ranking.add(new Channel(gi, g.id(), c, normalised[c]));
            }
        }
        ranking.sort(Comparator.comparingDouble(Channel::value).thenComparingInt(Channel::groupIndex)
                .thenComparingInt(c -> -c.index()));
        double fraction = flops.hardFraction(kept);
        for (Channel ch : ranking) {
            if (fraction <= targetFraction) {
                break;
            }
            int n = kept.get(ch.groupId());
            if (n > flops.minChannels(ch.groupId())) {
                kept.put(ch.groupId(), n - 1);
                fraction = flops.hardFraction(kept);
            }
        }
        return new Result(HardMaskPruning.compact(masked, groups, kept, scores), fraction, Map.copyOf(kept));
    }

    /**
     * The pruned network.
     *
     * @param network   the compacted network
     * @param hardFlops its FLOPs fraction (at or just below the target)
     * @param kept      kept channels per group id
     */
    public record Result(BenchModel network, double hardFlops, Map<String, Integer> kept) {
    }

    /** BN gamma where the group has a BatchNormalization layer, else the filter L2 norm. */
    static ChannelImportance importance(ChannelGroup group, ChannelGroups groups) {
        for (String carrier : group.carriers()) {
            if (groups.graph().node(carrier).layer() instanceof BatchNormalization) {
                return ChannelImportance.bnGamma();
            }
        }
        return ChannelImportance.l2();
    }

    /** Values over their mean (all ones when the mean is not positive, i.e. every value is zero). */
    static double[] normalisedByMean(double[] values) {
        double mean = java.util.Arrays.stream(values).average().orElse(0);
        double[] out = new double[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = mean > 0 ? values[i] / mean : 1;
        }
        return out;
    }

    /** One channel in the global ranking. */
    private record Channel(int groupIndex, String groupId, int index, double value) {
    }
}

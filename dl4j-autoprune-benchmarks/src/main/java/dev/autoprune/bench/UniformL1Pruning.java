package dev.autoprune.bench;

import dev.autoprune.AutoPrune;
import dev.autoprune.ChannelPruner;
import dev.autoprune.cost.FlopsCostModel;
import dev.autoprune.graph.ChannelGroup;
import dev.autoprune.graph.ChannelGroups;
import dev.autoprune.importance.ChannelImportance;
import dev.autoprune.layers.MaskMode;
import dev.autoprune.layers.MaskedLayer;
import dev.autoprune.layers.mask.SoftTopK;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The baseline of H. Li, A. Kadav, I. Durdanovic, H. Samet, H. P. Graf, "Pruning Filters for
 * Efficient ConvNets", ICLR 2017: remove the same fraction of filters in every prunable layer,
 * taking those with the smallest L1 norm, then fine-tune. Built on this project's masks and removal
 * code (hard masks from L1 scores, then {@link ChannelPruner#compact}), so both methods share one
 * removal path.
 */
public final class UniformL1Pruning {

    private UniformL1Pruning() {
    }

    /** A pruned copy of {@code trained} whose hard FLOPs fraction is as close as possible to {@code targetFraction}. */
    public static Result prune(MultiLayerNetwork trained, double targetFraction) {
        MultiLayerNetwork masked = AutoPrune.prunable(trained);
        ChannelGroups groups = ChannelGroups.of(masked);
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
        for (ChannelGroup g : groups.masked()) {
            double[] l1 = ChannelImportance.l1().of(masked, groups, g.id());
            int n = kept.get(g.id());
            for (String maskName : g.maskNames()) {
                MaskedLayer m = (MaskedLayer) masked.getLayer(maskName);
                m.setScores(l1);
                m.setTheta(thetaForCount(n, m.channels(), g.minChannels()));
                m.maskConfig().getMaskSettings().setMode(MaskMode.HARD);
                if (m.hardKeptCount() != n) {
                    throw new IllegalStateException("L1 pruning: group " + g.id() + " keeps " + m.hardKeptCount()
                            + " channels, expected " + n);
                }
            }
        }
        return new Result(ChannelPruner.compact(masked), bestKeep, flops.hardFraction(kept), kept);
    }

    /**
     * The pruned network.
     *
     * @param network      the compacted network
     * @param keepFraction the uniform fraction of channels kept per group
     * @param hardFlops    its FLOPs fraction
     * @param kept         kept channels per group
     */
    public record Result(MultiLayerNetwork network, double keepFraction, double hardFlops, Map<String, Integer> kept) {
    }

    private static Map<String, Integer> counts(ChannelGroups groups, double keep) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (ChannelGroup g : groups.masked()) {
            int c = (int) g.channels();
            out.put(g.id(), (int) Math.max(g.minChannels(), Math.min(c, Math.round(keep * c))));
        }
        return out;
    }

    /** The logit that makes exactly {@code n} of {@code c} channels the hard count. */
    static double thetaForCount(int n, int c, int min) {
        if (n <= min) {
            return -40;
        }
        if (n >= c) {
            return 40;
        }
        return SoftTopK.logit((double) (n - min) / (c - min));
    }
}

package dev.autoprune.bench;

import dev.autoprune.ChannelPruner;
import dev.autoprune.graph.ChannelGroup;
import dev.autoprune.graph.ChannelGroups;
import dev.autoprune.layers.MaskMode;
import dev.autoprune.layers.MaskedLayer;
import dev.autoprune.layers.mask.SoftTopK;

import java.util.Map;

/**
 * The one removal path of the magnitude baselines ({@link UniformL1Pruning}, {@link GlobalMagnitudePruning}):
 * sets every mask of a prunable network to HARD mode with a given channel count per group and the
 * channel scores of an importance criterion (so each group keeps its highest-scoring channels), then
 * removes the rest with {@link ChannelPruner#compact}, the same code AutoPrune's result goes through.
 */
final class HardMaskPruning {

    private HardMaskPruning() {
    }

    /**
     * Compacts {@code masked} (from {@code AutoPrune.prunable}; its masks are changed) to the given counts.
     *
     * @param masked the masked network
     * @param groups its channel analysis
     * @param kept   channels to keep per masked group id (every masked group)
     * @param scores the importance of each channel per group id (larger is kept first)
     * @return the compacted network
     * @throws IllegalStateException when a mask cannot hold a count exactly (a channel multiple other than 1)
     */
    static BenchModel compact(BenchModel masked, ChannelGroups groups, Map<String, Integer> kept,
                              Map<String, double[]> scores) {
        for (ChannelGroup g : groups.masked()) {
            int n = kept.get(g.id());
            for (String maskName : g.maskNames()) {
                MaskedLayer m = (MaskedLayer) masked.layer(maskName);
                m.setScores(scores.get(g.id()));
                m.setTheta(thetaForCount(n, m.channels(), g.minChannels()));
                m.maskConfig().getMaskSettings().setMode(MaskMode.HARD);
                if (m.hardKeptCount() != n) {
                    throw new IllegalStateException("Group " + g.id() + " (mask " + maskName + ") keeps "
                            + m.hardKeptCount() + " channels, expected " + n + "; the magnitude baselines need "
                            + "masks with channel multiple 1 (AutoPrune.prunable's default)");
                }
            }
        }
        return masked.compact();
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

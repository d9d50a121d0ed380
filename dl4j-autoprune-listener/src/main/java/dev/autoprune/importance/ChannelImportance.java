package dev.autoprune.importance;

import dev.autoprune.graph.ChannelGroups;
import org.deeplearning4j.nn.api.Model;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;

/**
 * How important each channel of a channel group is, as a magnitude criterion: the channel scores of
 * the masks start from it when the search begins, and the magnitude baselines of the benchmarks rank
 * channels by it. Implementations are immutable and serialisable (they are part of the listener's
 * settings, which checkpoints store).
 *
 * <p>The criteria are those of H. Li et al., "Pruning Filters for Efficient ConvNets" (ICLR 2017; the
 * L1 filter norm) and Z. Liu et al., "Learning Efficient Convolutional Networks through Network
 * Slimming" (ICCV 2017; the BatchNormalization scale |gamma|), pluggable as in Torch-Pruning's
 * {@code importance.py} (G. Fang et al., "DepGraph", CVPR 2023).
 */
public interface ChannelImportance extends Serializable {

    /**
     * The raw importance of each channel of a group: larger means more important.
     *
     * @param net     the network (a MultiLayerNetwork or ComputationGraph) holding the weights
     * @param groups  the network's channel analysis
     * @param groupId the group
     * @return one value per channel of the group (length C)
     */
    double[] of(Model net, ChannelGroups groups, String groupId);

    /** A short name, e.g. {@code l1}, for settings, tables and command lines. */
    String name();

    /** The L1 norm of each channel's producing filters. */
    static ChannelImportance l1() {
        return MagnitudeImportance.L1;
    }

    /** The L2 norm of each channel's producing filters. */
    static ChannelImportance l2() {
        return MagnitudeImportance.L2;
    }

    /**
     * |gamma| of the group's BatchNormalization layers where it has any (BN rescales every channel, so a
     * filter norm says little there), else the L1 filter norm. The default.
     */
    static ChannelImportance bnGamma() {
        return MagnitudeImportance.BN_GAMMA;
    }

    /** The built-in criteria, by {@link #name()}. */
    static List<ChannelImportance> builtIn() {
        return List.of(l1(), l2(), bnGamma());
    }

    /**
     * A built-in criterion by name ({@code l1}, {@code l2}, {@code bn-gamma}; case-insensitive).
     *
     * @throws IllegalArgumentException naming the known criteria
     */
    static ChannelImportance byName(String name) {
        for (ChannelImportance c : builtIn()) {
            if (c.name().equals(name == null ? null : name.toLowerCase(Locale.ROOT))) {
                return c;
            }
        }
        throw new IllegalArgumentException("Unknown channel importance \"" + name + "\"; known: l1, l2, bn-gamma");
    }

    /** Standardises to mean 0 and standard deviation 1 (all zeros when every value is equal). */
    static double[] standardised(double[] x) {
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= x.length;
        double var = 0;
        for (double v : x) {
            var += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(var / x.length);
        double[] out = new double[x.length];
        if (sd > 0) {
            for (int i = 0; i < x.length; i++) {
                out[i] = (x[i] - mean) / sd;
            }
        }
        return out;
    }
}

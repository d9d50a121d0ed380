package dev.autoprune.graph;

import java.util.List;
import java.util.Objects;

/**
 * Where a channel mask belongs in an unmasked network: after layer {@code afterLayer}, the last
 * per-channel operation (BatchNormalization, activation, residual add) of the group's chain before
 * its channels are read. When {@code insideConvolution} is true, {@code afterLayer} is itself the
 * producing plain {@code ConvolutionLayer} and nothing per-channel follows it, so replacing it by a
 * {@code MaskedConvolutionLayer} is exact; otherwise a {@code ChannelMaskLayer} goes right after it.
 *
 * <p>All placements with the same {@code groupId} are tied: they must share one ratio and one score
 * vector (a residual stage gets one mask per add).
 *
 * @param groupId           the group (its id in the unmasked analysis: the first producer's name)
 * @param afterLayer        the layer or vertex whose output the mask multiplies
 * @param insideConvolution whether the mask goes inside the producing convolution
 * @param producers         the coupled producers of the group (convolutions, separable convolutions, dense layers)
 * @param channels          the group's channel count
 */
public record MaskPlacement(String groupId, String afterLayer, boolean insideConvolution, List<String> producers,
                            long channels) {

    /** Validates the fields. */
    public MaskPlacement {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(afterLayer, "afterLayer");
        producers = List.copyOf(producers);
    }
}

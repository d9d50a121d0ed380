package dev.autoprune.arbiter.layers;

import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.FixedValue;

/**
 * The mask-constraint part of a masked layer space's builder, written once for
 * {@link ChannelMaskLayerSpace.Builder} and {@link MaskedConvolutionLayerSpace.Builder} (which extend
 * different Arbiter builders, so they share it as an interface): spaces for {@code minChannels},
 * {@code initialRatio} and {@code channelMultiple}. The space's {@code build()} refuses ranges that
 * could produce an invalid layer.
 *
 * @param <B> the builder type, returned for chaining
 */
public interface MaskSpaceBuilder<B extends MaskSpaceBuilder<B>> {

    /** The constraint spaces given so far; the methods below write into it. */
    MaskSpaces.Draft maskSpaces();

    /** The fewest channels the mask may keep (>= 1, at most the layer's channel count). */
    default B minChannels(ParameterSpace<Integer> space) {
        maskSpaces().minChannels = space;
        return self();
    }

    /** A fixed minimum channel count. */
    default B minChannels(int value) {
        return minChannels(new FixedValue<>(value));
    }

    /** The remaining ratio the mask starts at, in (0, 1]. */
    default B initialRatio(ParameterSpace<Double> space) {
        maskSpaces().initialRatio = space;
        return self();
    }

    /** A fixed initial ratio. */
    default B initialRatio(double value) {
        return initialRatio(new FixedValue<>(value));
    }

    /** Hard channel counts are rounded to a multiple of this (>= 1). */
    default B channelMultiple(ParameterSpace<Integer> space) {
        maskSpaces().channelMultiple = space;
        return self();
    }

    /** A fixed channel multiple. */
    default B channelMultiple(int value) {
        return channelMultiple(new FixedValue<>(value));
    }

    /** This builder, typed for chaining. */
    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }
}

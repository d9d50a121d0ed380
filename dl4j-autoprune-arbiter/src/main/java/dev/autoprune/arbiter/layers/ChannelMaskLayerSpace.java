package dev.autoprune.arbiter.layers;

import dev.autoprune.layers.ChannelMaskLayer;
import org.deeplearning4j.arbiter.layers.LayerSpace;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.FixedValue;
import org.deeplearning4j.arbiter.util.LeafUtils;

import java.util.Objects;

/**
 * An Arbiter layer space for {@link ChannelMaskLayer}, the stand-alone channel mask placed after a
 * convolution's BatchNormalization and activation: spaces for the channel count (usually left to
 * inference from the input type) and the mask constraints of {@link MaskSpaceBuilder}
 * ({@code minChannels}, {@code initialRatio}, {@code channelMultiple}).
 *
 * <p>{@link Builder#build()} refuses ranges that could produce an invalid layer, naming the field.
 *
 * <p>Reference: B. Li, Y. Fan, Z. Pan, G. Zhang, "AutoPruning for Deep Neural Network with Dynamic
 * Channel Masking", arXiv:2010.12021 (2020).
 */
public class ChannelMaskLayerSpace extends LayerSpace<ChannelMaskLayer> {

    // Fields, not a nested object: Arbiter finds hyperparameters by reflection on fields and saves them by field.
    private ParameterSpace<Integer> channels;
    private ParameterSpace<Integer> minChannels;
    private ParameterSpace<Double> initialRatio;
    private ParameterSpace<Integer> channelMultiple;

    /** For Jackson. */
    protected ChannelMaskLayerSpace() {
    }

    /**
     * Builds from a builder (the public entry is {@link Builder#build()}).
     *
     * @param builder the builder
     */
    protected ChannelMaskLayerSpace(Builder builder) {
        super(builder);
        this.channels = builder.channels;
        this.minChannels = builder.mask.minChannels;
        this.initialRatio = builder.mask.initialRatio;
        this.channelMultiple = builder.mask.channelMultiple;
        this.numParameters = LeafUtils.countUniqueParameters(collectLeaves());
    }

    @Override
    public ChannelMaskLayer getValue(double[] parameterValues) {
        ChannelMaskLayer.Builder b = new ChannelMaskLayer.Builder();
        setLayerOptionsBuilder(b, parameterValues);
        if (channels != null) {
            b.channels(channels.getValue(parameterValues));
        }
        MaskSpaces.apply(b, minChannels, initialRatio, channelMultiple, parameterValues);
        return b.build();
    }

    /** The space of the channel count, or null to infer it from the input type. */
    public ParameterSpace<Integer> getChannels() {
        return channels;
    }

    /** The constraint spaces: minChannels, initialRatio, channelMultiple (each null for the layer's default). */
    public ParameterSpace<?>[] getMaskSpaces() {
        return new ParameterSpace<?>[] {minChannels, initialRatio, channelMultiple};
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && o instanceof ChannelMaskLayerSpace other && Objects.equals(channels, other.channels)
                && MaskSpaces.same(getMaskSpaces(), other.getMaskSpaces());
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + MaskSpaces.hash(channels, minChannels, initialRatio, channelMultiple);
    }

    @Override
    public String toString() {
        return "ChannelMaskLayerSpace(channels: " + (channels == null ? "inferred" : channels) + ", "
                + MaskSpaces.describe(minChannels, initialRatio, channelMultiple) + ")";
    }

    /** Builder of {@link ChannelMaskLayerSpace}: the channel count plus the spaces of {@link MaskSpaceBuilder}. */
    public static class Builder extends LayerSpace.Builder<Builder> implements MaskSpaceBuilder<Builder> {
        private final MaskSpaces.Draft mask = new MaskSpaces.Draft();
        private ParameterSpace<Integer> channels;

        /** Creates an empty builder (channel count inferred, mask defaults). */
        public Builder() {
        }

        @Override
        public MaskSpaces.Draft maskSpaces() {
            return mask;
        }

        /** The channel count C (default: inferred from the input type). */
        public Builder channels(ParameterSpace<Integer> space) {
            this.channels = space;
            return this;
        }

        /** A fixed channel count. */
        public Builder channels(int value) {
            return channels(new FixedValue<>(value));
        }

        /**
         * Validates the ranges and builds.
         *
         * @throws IllegalArgumentException naming the field and the range found
         */
        @Override
        @SuppressWarnings("unchecked")
        public ChannelMaskLayerSpace build() {
            MaskSpaces.check("ChannelMaskLayerSpace", mask, channels, "channels");
            return new ChannelMaskLayerSpace(this);
        }
    }
}

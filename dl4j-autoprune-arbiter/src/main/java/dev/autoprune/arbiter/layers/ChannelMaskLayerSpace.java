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
 * inference from the input type), {@code minChannels}, {@code initialRatio} and
 * {@code channelMultiple}.
 *
 * <p>{@link Builder#build()} refuses ranges that could produce an invalid layer, naming the field.
 *
 * <p>Reference: B. Li, Y. Fan, Z. Pan, G. Zhang, "AutoPruning for Deep Neural Network with Dynamic
 * Channel Masking", arXiv:2010.12021 (2020).
 */
public class ChannelMaskLayerSpace extends LayerSpace<ChannelMaskLayer> {

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
        this.minChannels = builder.minChannels;
        this.initialRatio = builder.initialRatio;
        this.channelMultiple = builder.channelMultiple;
        this.numParameters = LeafUtils.countUniqueParameters(collectLeaves());
    }

    @Override
    public ChannelMaskLayer getValue(double[] parameterValues) {
        ChannelMaskLayer.Builder b = new ChannelMaskLayer.Builder();
        setLayerOptionsBuilder(b, parameterValues);
        if (channels != null) {
            b.channels(channels.getValue(parameterValues));
        }
        if (minChannels != null) {
            b.minChannels(minChannels.getValue(parameterValues));
        }
        if (initialRatio != null) {
            b.initialRatio(initialRatio.getValue(parameterValues));
        }
        if (channelMultiple != null) {
            b.channelMultiple(channelMultiple.getValue(parameterValues));
        }
        return b.build();
    }

    /** The space of the channel count, or null to infer it from the input type. */
    public ParameterSpace<Integer> getChannels() {
        return channels;
    }

    /** The space of the fewest channels the mask may keep, or null for the default (1). */
    public ParameterSpace<Integer> getMinChannels() {
        return minChannels;
    }

    /** The space of the starting remaining ratio, or null for the default (1). */
    public ParameterSpace<Double> getInitialRatio() {
        return initialRatio;
    }

    /** The space of the channel multiple, or null for the default (1). */
    public ParameterSpace<Integer> getChannelMultiple() {
        return channelMultiple;
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && o instanceof ChannelMaskLayerSpace other && MaskSpaces.same(channels, other.channels)
                && MaskSpaces.same(minChannels, other.minChannels) && MaskSpaces.same(initialRatio, other.initialRatio)
                && MaskSpaces.same(channelMultiple, other.channelMultiple);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + Objects.hash(channels, minChannels, initialRatio, channelMultiple);
    }

    @Override
    public String toString() {
        return "ChannelMaskLayerSpace(channels: " + (channels == null ? "inferred" : channels) + ", minChannels: "
                + minChannels + ", initialRatio: " + initialRatio + ", channelMultiple: " + channelMultiple + ")";
    }

    /** Builder of {@link ChannelMaskLayerSpace}. */
    public static class Builder extends LayerSpace.Builder<Builder> {
        private ParameterSpace<Integer> channels;
        private ParameterSpace<Integer> minChannels;
        private ParameterSpace<Double> initialRatio;
        private ParameterSpace<Integer> channelMultiple;

        /** Creates an empty builder (channel count inferred, mask defaults). */
        public Builder() {
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

        /** The fewest channels the mask may keep (>= 1). */
        public Builder minChannels(ParameterSpace<Integer> space) {
            this.minChannels = space;
            return this;
        }

        /** A fixed minimum channel count. */
        public Builder minChannels(int value) {
            return minChannels(new FixedValue<>(value));
        }

        /** The remaining ratio the mask starts at, in (0, 1]. */
        public Builder initialRatio(ParameterSpace<Double> space) {
            this.initialRatio = space;
            return this;
        }

        /** A fixed initial ratio. */
        public Builder initialRatio(double value) {
            return initialRatio(new FixedValue<>(value));
        }

        /** Hard channel counts are rounded to a multiple of this (>= 1). */
        public Builder channelMultiple(ParameterSpace<Integer> space) {
            this.channelMultiple = space;
            return this;
        }

        /** A fixed channel multiple. */
        public Builder channelMultiple(int value) {
            return channelMultiple(new FixedValue<>(value));
        }

        /**
         * Validates the ranges and builds.
         *
         * @throws IllegalArgumentException naming the field and the range found
         */
        @Override
        @SuppressWarnings("unchecked")
        public ChannelMaskLayerSpace build() {
            MaskSpaces.check("ChannelMaskLayerSpace", minChannels, initialRatio, channelMultiple, channels, "channels");
            return new ChannelMaskLayerSpace(this);
        }
    }
}

package dev.autoprune.arbiter.layers;

import dev.autoprune.layers.MaskedConvolutionLayer;
import org.deeplearning4j.arbiter.layers.BaseConvolutionLayerSpace;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.FixedValue;
import org.deeplearning4j.arbiter.util.LeafUtils;

import java.util.Objects;

/**
 * An Arbiter layer space for {@link MaskedConvolutionLayer}: every hyperparameter of Arbiter's
 * convolution layer space (kernel size, stride, padding, dilation, convolution mode, bias, nIn,
 * nOut, activation, weight init, updater, regularisation, dropout, ...) plus spaces for the mask's
 * constraints: {@code minChannels}, {@code initialRatio} and {@code channelMultiple}. Add it to a
 * {@code MultiLayerSpace} like any other layer space to describe a prunable architecture.
 *
 * <p>{@link Builder#build()} refuses mask ranges that could produce an invalid layer (minChannels
 * below 1 or above the nOut range, initialRatio outside (0, 1], channelMultiple below 1).
 *
 * <p>Reference: B. Li, Y. Fan, Z. Pan, G. Zhang, "AutoPruning for Deep Neural Network with Dynamic
 * Channel Masking", arXiv:2010.12021 (2020).
 */
public class MaskedConvolutionLayerSpace extends BaseConvolutionLayerSpace<MaskedConvolutionLayer> {

    private ParameterSpace<Integer> minChannels;
    private ParameterSpace<Double> initialRatio;
    private ParameterSpace<Integer> channelMultiple;

    /** For Jackson. */
    protected MaskedConvolutionLayerSpace() {
    }

    /**
     * Builds from a builder (the public entry is {@link Builder#build()}).
     *
     * @param builder the builder
     */
    protected MaskedConvolutionLayerSpace(Builder builder) {
        super(builder);
        this.minChannels = builder.minChannels;
        this.initialRatio = builder.initialRatio;
        this.channelMultiple = builder.channelMultiple;
        // The base constructor counted the leaves before these fields were set: count again.
        this.numParameters = LeafUtils.countUniqueParameters(collectLeaves());
    }

    @Override
    public MaskedConvolutionLayer getValue(double[] parameterValues) {
        MaskedConvolutionLayer.Builder b = new MaskedConvolutionLayer.Builder();
        setLayerOptionsBuilder(b, parameterValues);
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

    /** The space of the fewest channels the mask may keep, or null for the layer's default (1). */
    public ParameterSpace<Integer> getMinChannels() {
        return minChannels;
    }

    /** The space of the starting remaining ratio, or null for the layer's default (1). */
    public ParameterSpace<Double> getInitialRatio() {
        return initialRatio;
    }

    /** The space of the channel multiple, or null for the layer's default (1). */
    public ParameterSpace<Integer> getChannelMultiple() {
        return channelMultiple;
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && o instanceof MaskedConvolutionLayerSpace other
                && MaskSpaces.same(minChannels, other.minChannels) && MaskSpaces.same(initialRatio, other.initialRatio)
                && MaskSpaces.same(channelMultiple, other.channelMultiple);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + Objects.hash(minChannels, initialRatio, channelMultiple);
    }

    @Override
    public String toString() {
        return "MaskedConvolutionLayerSpace(" + toString(", ") + (minChannels != null ? "minChannels: " + minChannels + ", " : "")
                + (initialRatio != null ? "initialRatio: " + initialRatio + ", " : "")
                + (channelMultiple != null ? "channelMultiple: " + channelMultiple : "") + ")";
    }

    /** Builder with every convolution layer space method plus the mask constraint spaces. */
    public static class Builder extends BaseConvolutionLayerSpace.Builder<Builder> {
        private ParameterSpace<Integer> minChannels;
        private ParameterSpace<Double> initialRatio;
        private ParameterSpace<Integer> channelMultiple;

        /** Creates an empty builder (DL4J's defaults for every setting not given). */
        public Builder() {
        }

        /** The fewest output channels the mask may keep (at least 1, at most nOut). */
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
         * Validates the mask ranges and builds.
         *
         * @throws IllegalArgumentException naming the field and the range found
         */
        @Override
        @SuppressWarnings("unchecked")
        public MaskedConvolutionLayerSpace build() {
            MaskSpaces.check("MaskedConvolutionLayerSpace", minChannels, initialRatio, channelMultiple, nOut, "nOut");
            return new MaskedConvolutionLayerSpace(this);
        }
    }
}

package dev.autoprune.arbiter.layers;

import dev.autoprune.layers.MaskedConvolutionLayer;
import org.deeplearning4j.arbiter.layers.BaseConvolutionLayerSpace;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.util.LeafUtils;

/**
 * An Arbiter layer space for {@link MaskedConvolutionLayer}: every hyperparameter of Arbiter's
 * convolution layer space (kernel size, stride, padding, dilation, convolution mode, bias, nIn,
 * nOut, activation, weight init, updater, regularisation, dropout, ...) plus the mask constraint
 * spaces of {@link MaskSpaceBuilder}: {@code minChannels}, {@code initialRatio} and {@code channelMultiple}. Add it to a
 * {@code MultiLayerSpace} like any other layer space to describe a prunable architecture.
 *
 * <p>{@link Builder#build()} refuses mask ranges that could produce an invalid layer (minChannels
 * below 1 or above the nOut range, initialRatio outside (0, 1], channelMultiple below 1).
 *
 * <p>Reference: B. Li, Y. Fan, Z. Pan, G. Zhang, "AutoPruning for Deep Neural Network with Dynamic
 * Channel Masking", arXiv:2010.12021 (2020).
 */
public class MaskedConvolutionLayerSpace extends BaseConvolutionLayerSpace<MaskedConvolutionLayer> {

    // Fields, not a nested object: Arbiter finds hyperparameters by reflection on fields and saves them by field.
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
        this.minChannels = builder.mask.minChannels;
        this.initialRatio = builder.mask.initialRatio;
        this.channelMultiple = builder.mask.channelMultiple;
        // The base constructor counted the leaves before these fields were set: count again.
        this.numParameters = LeafUtils.countUniqueParameters(collectLeaves());
    }

    @Override
    public MaskedConvolutionLayer getValue(double[] parameterValues) {
        MaskedConvolutionLayer.Builder b = new MaskedConvolutionLayer.Builder();
        setLayerOptionsBuilder(b, parameterValues);
        MaskSpaces.apply(b, minChannels, initialRatio, channelMultiple, parameterValues);
        return b.build();
    }

    /** The constraint spaces: minChannels, initialRatio, channelMultiple (each null for the layer's default). */
    public ParameterSpace<?>[] getMaskSpaces() {
        return new ParameterSpace<?>[] {minChannels, initialRatio, channelMultiple};
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && o instanceof MaskedConvolutionLayerSpace other
                && MaskSpaces.same(getMaskSpaces(), other.getMaskSpaces());
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + MaskSpaces.hash(minChannels, initialRatio, channelMultiple);
    }

    @Override
    public String toString() {
        return "MaskedConvolutionLayerSpace(" + toString(", ") + MaskSpaces.describe(minChannels, initialRatio,
                channelMultiple) + ")";
    }

    /** Builder with every convolution layer space method plus the mask constraint spaces of {@link MaskSpaceBuilder}. */
    public static class Builder extends BaseConvolutionLayerSpace.Builder<Builder> implements MaskSpaceBuilder<Builder> {
        private final MaskSpaces.Draft mask = new MaskSpaces.Draft();

        /** Creates an empty builder (DL4J's defaults for every setting not given). */
        public Builder() {
        }

        @Override
        public MaskSpaces.Draft maskSpaces() {
            return mask;
        }

        /**
         * Validates the mask ranges and builds.
         *
         * @throws IllegalArgumentException naming the field and the range found
         */
        @Override
        @SuppressWarnings("unchecked")
        public MaskedConvolutionLayerSpace build() {
            MaskSpaces.check("MaskedConvolutionLayerSpace", mask, nOut, "nOut");
            return new MaskedConvolutionLayerSpace(this);
        }
    }
}

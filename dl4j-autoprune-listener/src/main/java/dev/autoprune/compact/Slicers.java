package dev.autoprune.compact;

/** The built-in {@link LayerSlicer}s, one per parameter layout; layer rules hand them out. */
public final class Slicers {

    private static final LayerSlicer CONVOLUTION = new ConvolutionSlicer();
    private static final LayerSlicer DEPTHWISE = new DepthwiseSlicer();
    private static final LayerSlicer SEPARABLE = new SeparableSlicer();
    private static final LayerSlicer DENSE = new DenseSlicer();
    private static final LayerSlicer PER_CHANNEL = new BatchNormSlicer();
    private static final LayerSlicer CENTER_LOSS = new CenterLossSlicer();

    private Slicers() {
    }

    /** Convolution, plain or masked: W [nOut, nIn, kH, kW] and b [1, nOut]. */
    public static LayerSlicer convolution() {
        return CONVOLUTION;
    }

    /** Depthwise convolution with multiplier 1: W [kH, kW, nIn, 1] and b [1, nIn]. */
    public static LayerSlicer depthwise() {
        return DEPTHWISE;
    }

    /** Separable convolution: depthwise W [m, nIn, kH, kW], pointwise pW [nOut, nIn*m, 1, 1], b [1, nOut]. */
    public static LayerSlicer separable() {
        return SEPARABLE;
    }

    /** Dense and output layers: W [nIn, nOut] (flattened input rows in DL4J's [c, h, w] order) and b [1, nOut]. */
    public static LayerSlicer dense() {
        return DENSE;
    }

    /** CenterLossOutputLayer: W [nIn, nOut] and b [1, nOut] as a dense layer, plus the class centres cL [nOut, nIn]. */
    public static LayerSlicer centerLoss() {
        return CENTER_LOSS;
    }

    /** Layers whose every parameter is one value per channel (BatchNormalization). */
    public static LayerSlicer perChannel() {
        return PER_CHANNEL;
    }
}

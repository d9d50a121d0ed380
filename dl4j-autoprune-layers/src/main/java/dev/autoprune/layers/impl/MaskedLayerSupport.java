package dev.autoprune.layers.impl;

import dev.autoprune.layers.MaskedLayer;

/**
 * The {@link MaskedLayer} read-outs, written once for both layer implementations on top of the
 * layer's {@link MaskRuntime} (the two implementations extend different DL4J base classes, so the
 * shared part lives in this interface).
 */
interface MaskedLayerSupport extends MaskedLayer {

    /** A runtime over the layer's current parameters and settings. */
    MaskRuntime runtime();

    /** The gradient view of a parameter (the layer's {@code gradientViews}). */
    org.nd4j.linalg.api.ndarray.INDArray gradientView(String key);

    @Override
    default int channels() {
        return runtime().channels();
    }

    @Override
    default double theta() {
        return runtime().theta();
    }

    @Override
    default void setTheta(double theta) {
        runtime().setTheta(theta);
    }

    @Override
    default double[] scores() {
        return runtime().scores();
    }

    @Override
    default void setScores(double[] scores) {
        runtime().setScores(scores);
    }

    @Override
    default double ratio() {
        return keptCount() / channels();
    }

    @Override
    default double keptCount() {
        return runtime().keptCount();
    }

    @Override
    default int hardKeptCount() {
        return runtime().hardKeptCount();
    }

    @Override
    default int[] hardKeptIndices() {
        return runtime().hardKeptIndices();
    }

    @Override
    default double[] maskValues() {
        return runtime().forward().mask();
    }

    @Override
    default double thetaGradient() {
        return gradientView(MaskParams.THETA_KEY).getDouble(0);
    }

    @Override
    default double[] scoresGradient() {
        return gradientView(MaskParams.SCORES_KEY).toDoubleVector();
    }
}

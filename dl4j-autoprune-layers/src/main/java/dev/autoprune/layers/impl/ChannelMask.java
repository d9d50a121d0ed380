package dev.autoprune.layers.impl;

import dev.autoprune.layers.MaskMode;
import dev.autoprune.layers.MaskSettings;
import dev.autoprune.layers.mask.SoftTopK;

import java.util.Arrays;

/**
 * The mask of one layer as a function of its parameters: maps (theta, scores, settings) to mask
 * values, and an upstream gradient dL/dm back to dL/dtheta and dL/ds. Shared by both masked layer
 * implementations so that the math lives in one place.
 *
 * <p>{@code k = minChannels + (C - minChannels) sigmoid(theta)}, i.e.
 * {@code r = r_min + (1 - r_min) sigmoid(theta)} with {@code r_min = minChannels / C}.
 */
public final class ChannelMask {

    /** Upper bound on sigmoid(theta) at initialisation: the logit of 1 is infinite. */
    static final double MAX_INITIAL_SIGMOID = 0.99;

    private ChannelMask() {
    }

    /** The soft keep-count k for a ratio logit. */
    public static double keptCount(double theta, int channels, int minChannels) {
        return minChannels + (channels - minChannels) * SoftTopK.sigmoid(theta);
    }

    /** dk/dtheta. */
    public static double keptCountDerivative(double theta, int channels, int minChannels) {
        double s = SoftTopK.sigmoid(theta);
        return (channels - minChannels) * s * (1 - s);
    }

    /**
     * The ratio logit whose remaining ratio is {@code ratio} (clamped so that sigmoid(theta) stays in
     * [1 - MAX_INITIAL_SIGMOID, MAX_INITIAL_SIGMOID]).
     */
    public static double thetaForRatio(double ratio, int channels, int minChannels) {
        if (channels == minChannels) {
            return 0.0;
        }
        double sig = (ratio * channels - minChannels) / (channels - minChannels);
        sig = Math.min(MAX_INITIAL_SIGMOID, Math.max(1 - MAX_INITIAL_SIGMOID, sig));
        return SoftTopK.logit(sig);
    }

    /** The HARD channel count for a soft count k. */
    public static int hardCount(double k, int channels, MaskSettings settings) {
        int multiple = settings.getChannelMultiple();
        long n = Math.round(k / multiple) * multiple;
        n = Math.max(n, settings.getMinChannels());
        return (int) Math.min(n, channels);
    }

    /**
     * Mask values for the given mode.
     *
     * @return the mask, and for SOFT the soft top-k result its backward pass needs
     */
    public static Forward forward(double theta, double[] scores, MaskSettings settings) {
        int c = scores.length;
        double k = keptCount(theta, c, settings.getMinChannels());
        switch (settings.getMode()) {
            case IDENTITY: {
                double[] ones = new double[c];
                Arrays.fill(ones, 1.0);
                return new Forward(ones, null);
            }
            case HARD:
                return new Forward(SoftTopK.hard(scores, hardCount(k, c, settings)), null);
            case SOFT: {
                SoftTopK.Result r = SoftTopK.forward(scores, Math.min(k, c), settings.getTemperature());
                return new Forward(r.mask(), r);
            }
            default:
                throw new IllegalStateException("Unknown mask mode " + settings.getMode());
        }
    }

    /**
     * Backward pass of {@link #forward}: gradients of the ratio logit and the scores. Zero unless the
     * mode is SOFT (IDENTITY and HARD do not depend on the parameters almost everywhere).
     *
     * @param dScoresOut receives dL/ds
     * @return dL/dtheta
     */
    public static double backward(Forward fwd, double theta, int minChannels, double[] dLdm, double[] dScoresOut) {
        if (fwd.soft() == null) {
            Arrays.fill(dScoresOut, 0.0);
            return 0.0;
        }
        double dLdk = fwd.soft().backward(dLdm, dScoresOut);
        return dLdk * keptCountDerivative(theta, dLdm.length, minChannels);
    }

    /**
     * Result of a forward pass.
     *
     * @param mask the mask values, length C
     * @param soft the soft top-k state (SOFT mode only, else null)
     */
    public record Forward(double[] mask, SoftTopK.Result soft) {
    }

    /** Whether a mode leaves the input untouched. */
    static boolean isIdentity(MaskMode mode) {
        return mode == MaskMode.IDENTITY;
    }
}

package dev.autoprune.layers.impl;

import dev.autoprune.layers.MaskSettings;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Map;

/**
 * The two mask parameters every masked layer appends to its parameter vector: the ratio logit
 * {@code theta} (1 value) and the channel scores {@code scores} (C values), in that order.
 */
public final class MaskParams {

    /** Parameter key of the ratio logit theta. */
    public static final String THETA_KEY = "theta";
    /** Parameter key of the channel mask scores. */
    public static final String SCORES_KEY = "scores";

    private MaskParams() {
    }

    /** Number of mask parameters for C channels. */
    public static long count(long channels) {
        return 1 + channels;
    }

    /** Whether a parameter key is one of the mask parameters. */
    public static boolean isMaskParam(String key) {
        return THETA_KEY.equals(key) || SCORES_KEY.equals(key);
    }

    /**
     * Puts views of theta ([1,1]) and scores ([1,C]) into {@code out}, and when {@code initialize}
     * sets theta from the initial ratio and the scores to 0.
     *
     * @param flat a rank-1 view of exactly {@link #count(long)} values
     */
    public static void views(INDArray flat, long channels, MaskSettings settings, boolean initialize,
                             Map<String, INDArray> out) {
        INDArray theta = flat.get(NDArrayIndex.interval(0, 1)).reshape(1, 1);
        INDArray scores = flat.get(NDArrayIndex.interval(1, 1 + channels)).reshape(1, channels);
        if (initialize) {
            theta.assign(ChannelMask.thetaForRatio(settings.getInitialRatio(), (int) channels,
                    settings.getMinChannels()));
            scores.assign(0.0);
        }
        out.put(THETA_KEY, theta);
        out.put(SCORES_KEY, scores);
    }
}

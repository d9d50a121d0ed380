package dev.autoprune.layers.impl;

import dev.autoprune.layers.MaskSettings;
import dev.autoprune.layers.mask.SoftTopK;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;

/**
 * The ND4J side of a channel mask, shared by both masked layer implementations: reads theta and
 * scores from the parameter table, applies the mask to NCHW, NHWC or [mb, C] activations with one
 * broadcast op, and writes the mask-parameter gradients.
 */
final class MaskRuntime {

    private final Map<String, INDArray> params;
    private final MaskSettings settings;
    private final String description;
    private final boolean channelsLast;

    /** @param channelsLast whether a rank-4 activation is NHWC (channels on axis 3) rather than NCHW (axis 1) */
    MaskRuntime(Map<String, INDArray> params, MaskSettings settings, String description, boolean channelsLast) {
        this.params = params;
        this.settings = settings;
        this.description = description;
        this.channelsLast = channelsLast;
    }

    /** The channel axis of an activation of this rank. */
    private int axis(int rank) {
        return rank == 4 && channelsLast ? 3 : 1;
    }

    int channels() {
        return (int) params.get(MaskParams.SCORES_KEY).length();
    }

    double theta() {
        return params.get(MaskParams.THETA_KEY).getDouble(0);
    }

    void setTheta(double theta) {
        if (!Double.isFinite(theta)) {
            throw new IllegalArgumentException(description + ": theta must be finite, found " + theta);
        }
        params.get(MaskParams.THETA_KEY).assign(theta);
    }

    double[] scores() {
        return params.get(MaskParams.SCORES_KEY).toDoubleVector();
    }

    void setScores(double[] scores) {
        INDArray view = params.get(MaskParams.SCORES_KEY);
        if (scores.length != view.length()) {
            throw new IllegalArgumentException(description + ": expected " + view.length() + " scores, found "
                    + scores.length);
        }
        for (int i = 0; i < scores.length; i++) {
            if (!Double.isFinite(scores[i])) {
                throw new IllegalArgumentException(description + ": score " + i + " must be finite, found " + scores[i]);
            }
        }
        view.assign(Nd4j.createFromArray(scores).reshape(view.shape()).castTo(view.dataType()));
    }

    double keptCount() {
        return ChannelMask.keptCount(theta(), channels(), settings.getMinChannels());
    }

    int hardKeptCount() {
        return ChannelMask.hardCount(keptCount(), channels(), settings);
    }

    int[] hardKeptIndices() {
        return SoftTopK.topIndices(scores(), hardKeptCount());
    }

    ChannelMask.Forward forward() {
        return ChannelMask.forward(theta(), scores(), settings);
    }

    /** Checks an activation's rank and channel count (dimension 1, or 3 for NHWC). */
    void checkInput(INDArray input, boolean convolutional) {
        int rank = input.rank();
        if (convolutional ? rank != 4 : rank != 2 && rank != 4) {
            throw new IllegalStateException(description + ": expected " + (convolutional ? "rank 4 [mb, C, H, W]"
                    : "rank 2 [mb, C] or rank 4 [mb, C, H, W]") + " input, found rank " + rank + " with shape "
                    + java.util.Arrays.toString(input.shape()) + (rank == 3
                    ? ". 3-D (recurrent) activations are not supported by channel masks." : "."));
        }
        int axis = axis(rank);
        if (input.size(axis) != channels()) {
            throw new IllegalStateException(description + ": expected " + channels() + " channels in dimension " + axis
                    + ", found " + input.size(axis) + " (input shape " + java.util.Arrays.toString(input.shape())
                    + "). Does the layer's data format (NCHW or NHWC) match its input?");
        }
    }

    /** Multiplies channel c of {@code x} by {@code mask[c]} into a new array of the given workspace type. */
    INDArray multiply(INDArray x, double[] mask, LayerWorkspaceMgr mgr, ArrayType type) {
        DataType dt = x.dataType();
        INDArray m = Nd4j.createFromArray(mask).castTo(dt);
        INDArray out = mgr.createUninitialized(type, dt, x.shape(), 'c');
        return Broadcast.mul(x, m, out, axis(x.rank()));
    }

    /**
     * Backward pass of the mask parameters: with {@code pre} the unmasked activation and
     * {@code epsilon} = dL/d(masked output), writes dL/dtheta and dL/ds into the gradient views and
     * registers them in {@code gradient}. Zero unless SOFT and learnable.
     */
    void backpropMaskParams(ChannelMask.Forward fwd, INDArray pre, INDArray epsilon,
                            Map<String, INDArray> gradientViews, Gradient gradient) {
        INDArray thetaGrad = gradientViews.get(MaskParams.THETA_KEY);
        INDArray scoresGrad = gradientViews.get(MaskParams.SCORES_KEY);
        if (fwd.soft() == null || !settings.isLearnable()) {
            thetaGrad.assign(0);
            scoresGrad.assign(0);
        } else {
            int[] reduce = pre.rank() != 4 ? new int[] {0} : channelsLast ? new int[] {0, 1, 2} : new int[] {0, 2, 3};
            double[] dLdm = epsilon.castTo(pre.dataType()).mul(pre).sum(reduce).toDoubleVector();
            double[] dScores = new double[dLdm.length];
            double dTheta = ChannelMask.backward(fwd, theta(), settings.getMinChannels(), dLdm, dScores);
            thetaGrad.assign(dTheta);
            scoresGrad.assign(Nd4j.createFromArray(dScores).reshape(scoresGrad.shape()).castTo(scoresGrad.dataType()));
        }
        gradient.setGradientFor(MaskParams.THETA_KEY, thetaGrad);
        gradient.setGradientFor(MaskParams.SCORES_KEY, scoresGrad);
    }
}

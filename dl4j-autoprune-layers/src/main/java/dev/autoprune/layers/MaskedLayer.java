package dev.autoprune.layers;

/**
 * The run-time view of a masked layer (the DL4J layer implementation of a
 * {@link MaskableLayerConfig}): what the listener and the channel-removal step read and write.
 *
 * <p>All values are computed from the layer's current parameters, so they are always in step with
 * what the next forward pass will do.
 */
public interface MaskedLayer {

    /** The mask's configuration (the same object the network's JSON is written from). */
    MaskableLayerConfig maskConfig();

    /** The channel count C. */
    int channels();

    /** The ratio logit theta. */
    double theta();

    /** Sets the ratio logit theta (writes into the network's parameter vector). */
    void setTheta(double theta);

    /** The channel scores s, a copy of length C. */
    double[] scores();

    /** Sets the channel scores s (length C, finite; writes into the network's parameter vector). */
    void setScores(double[] scores);

    /** The remaining ratio {@code r = r_min + (1 - r_min) sigmoid(theta)}. */
    double ratio();

    /** The soft keep-count {@code k = r * C}. */
    double keptCount();

    /** The number of channels HARD mode keeps: {@code round(k)}, rounded to the channel multiple, in [minChannels, C]. */
    int hardKeptCount();

    /** The indices HARD mode keeps, increasing. */
    int[] hardKeptIndices();

    /** The mask values the current mode applies (all 1 in IDENTITY), length C. */
    double[] maskValues();

    /**
     * dL/dtheta from the layer's last backward pass, as DL4J computed it (summed over the minibatch;
     * zero unless SOFT and learnable).
     */
    double thetaGradient();

    /** dL/ds from the layer's last backward pass (a copy, length C; same conventions as {@link #thetaGradient()}). */
    double[] scoresGradient();

    /** A description naming the layer for error messages, e.g. {@code MaskedConvolutionLayer (layer name="conv1")}. */
    String describe();
}

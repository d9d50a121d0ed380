package dev.autoprune.layers;

/**
 * How a channel mask acts on its channels.
 *
 * <p>See {@code docs/METHOD.md} ("Dynamic mask") for the formulas.
 */
public enum MaskMode {
    /** Every mask value is 1: the layer passes its input through bit-exactly (warm-up, freshly converted nets). */
    IDENTITY,
    /** The differentiable soft top-k mask {@code m_i = sigmoid((s_i - t) / tau)} with {@code sum m = k} (search). */
    SOFT,
    /** 1 for the {@code round(k)} channels with the largest scores (ties by lower index), 0 for the rest. */
    HARD
}

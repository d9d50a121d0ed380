package dev.autoprune.graph;

import java.util.Objects;

/**
 * A layer that reads a channel group through its inputs: channel {@code c} of the group is input
 * elements {@code offset + c*unit} to {@code offset + c*unit + unit - 1} of the layer (after its
 * preprocessor). For the next convolution the unit is 1 and the offset is where the group starts in a
 * concatenation; for a dense layer after flattening each channel is {@code unit = H*W} input rows.
 *
 * @param layerName the consuming layer
 * @param offset    the element offset of the group in the layer's input
 * @param unit      input elements per channel
 */
public record GroupConsumer(String layerName, long offset, long unit) {

    /** Validates the fields. */
    public GroupConsumer {
        Objects.requireNonNull(layerName, "layerName");
        if (offset < 0 || unit <= 0) {
            throw new IllegalArgumentException("offset must be >= 0 and unit > 0, found offset=" + offset + ", unit="
                    + unit + " (layer name=\"" + layerName + "\")");
        }
    }
}

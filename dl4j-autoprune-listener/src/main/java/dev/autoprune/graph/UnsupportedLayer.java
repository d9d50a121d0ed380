package dev.autoprune.graph;

import java.util.Objects;

/**
 * A layer or vertex the channel analysis has no rule for. Channels that flow into it are not
 * prunable; a network whose masked channels reach one is refused by {@link ChannelGroups#validate()}.
 *
 * @param name   the layer or vertex name
 * @param type   its DL4J type, e.g. {@code LSTM}
 * @param reason why it is not supported
 */
public record UnsupportedLayer(String name, String type, String reason) {

    /** Validates the fields. */
    public UnsupportedLayer {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
        return type + " (layer name=\"" + name + "\"): " + reason;
    }
}

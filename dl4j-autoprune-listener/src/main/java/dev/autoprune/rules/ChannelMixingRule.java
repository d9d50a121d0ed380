package dev.autoprune.rules;

import dev.autoprune.graph.ChannelFlow;
import dev.autoprune.graph.Channels;
import dev.autoprune.graph.GraphNode;
import dev.autoprune.graph.NodeKind;

import java.util.Optional;

/**
 * A layer that mixes channels without parameters that could be cut: removing one of its input channels
 * would change the others. {@code LocalResponseNormalization} divides each channel by a sum over its
 * neighbouring channels; {@code SpaceToDepthLayer} moves each channel's pixels to several output
 * channels. The node is reported as unsupported with the reason (the channels that reach it stay whole,
 * its output is a fixed group), and the analysis goes on past it.
 */
final class ChannelMixingRule implements LayerRule {

    private final String reason;

    /** @param reason what the layer does to channels, for {@code ChannelGroups.unsupported()} */
    ChannelMixingRule(String reason) {
        this.reason = reason;
    }

    @Override
    public NodeKind kind() {
        return NodeKind.UNSUPPORTED;
    }

    @Override
    public Optional<String> unsupportedReason(GraphNode node) {
        return Optional.of(reason);
    }

    @Override
    public Channels flow(ChannelFlow flow) {
        return flow.unsupported();
    }
}

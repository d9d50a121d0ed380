package dev.autoprune.rules;

import dev.autoprune.graph.ChannelFlow;
import dev.autoprune.graph.Channels;
import dev.autoprune.graph.NodeKind;

/** {@code ShiftVertex}: adds a constant, so it carries the group but maps zeros to non-zeros (the mask moves past it). */
final class ShiftRule implements LayerRule {

    @Override
    public NodeKind kind() {
        return NodeKind.SHIFT;
    }

    @Override
    public Channels flow(ChannelFlow flow) {
        return flow.unmask("adds a constant");
    }

    @Override
    public boolean maskMovesPast() {
        return true;
    }
}

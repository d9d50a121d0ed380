package dev.autoprune.graph;

import dev.autoprune.rules.LayerRule;

/** The rule of a network input node: its channels are fixed (the analysis starts a blocked group there). */
final class InputRule implements LayerRule {

    static final InputRule INSTANCE = new InputRule();

    private InputRule() {
    }

    @Override
    public NodeKind kind() {
        return NodeKind.INPUT;
    }

    @Override
    public Channels flow(ChannelFlow flow) {
        throw new IllegalStateException("A network input has no inputs to follow: " + flow.node().describe());
    }
}

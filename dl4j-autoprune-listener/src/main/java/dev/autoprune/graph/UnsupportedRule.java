package dev.autoprune.graph;

import dev.autoprune.flops.CostContext;
import dev.autoprune.flops.CostTerms;
import dev.autoprune.rules.LayerRule;

/**
 * The rule of a node pruning knows nothing about ({@link GraphNode#unsupportedReason()} says why):
 * every channel that reaches it is blocked, its output is a fixed group, and its MACs are not counted.
 */
final class UnsupportedRule implements LayerRule {

    static final UnsupportedRule INSTANCE = new UnsupportedRule();

    private UnsupportedRule() {
    }

    @Override
    public NodeKind kind() {
        return NodeKind.UNSUPPORTED;
    }

    @Override
    public Channels flow(ChannelFlow flow) {
        return flow.unsupported();
    }

    @Override
    public CostTerms cost(CostContext c) {
        return CostTerms.uncounted(c);
    }
}

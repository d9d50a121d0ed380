package dev.autoprune.rules;

import dev.autoprune.flops.CostContext;
import dev.autoprune.flops.CostTerms;
import dev.autoprune.flops.Polynomial;
import dev.autoprune.graph.ChannelFlow;
import dev.autoprune.graph.Channels;
import dev.autoprune.graph.NodeKind;

/**
 * {@code ChannelMaskLayer} (and its subclasses): carries the group and governs it. It costs nothing
 * (it disappears when the channels are removed) and channel removal drops it.
 */
final class ChannelMaskRule implements LayerRule {

    @Override
    public NodeKind kind() {
        return NodeKind.MASK;
    }

    @Override
    public Channels flow(ChannelFlow flow) {
        return flow.mask();
    }

    @Override
    public CostTerms cost(CostContext c) {
        return CostTerms.of(Polynomial.ZERO, Polynomial.ZERO);
    }

    @Override
    public boolean removedByCompaction() {
        return true;
    }

    @Override
    public boolean coversSubclasses() {
        return true;
    }
}

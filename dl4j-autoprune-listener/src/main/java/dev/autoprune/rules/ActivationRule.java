package dev.autoprune.rules;

import dev.autoprune.graph.ChannelFlow;
import dev.autoprune.graph.Channels;
import dev.autoprune.graph.NodeKind;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;

/**
 * {@code ActivationLayer}: element-wise, carries the group; a mask before it stays exact only when the
 * activation maps 0 to 0, and the mask moves past it either way (METHOD.md: conv, BN, activation, mask).
 */
final class ActivationRule implements LayerRule {

    @Override
    public NodeKind kind() {
        return NodeKind.ACTIVATION;
    }

    @Override
    public Channels flow(ChannelFlow flow) {
        boolean keeps = ZeroPreservation.mapsZeroToZero(((ActivationLayer) flow.node().layer()).getActivationFn());
        return keeps ? flow.input() : flow.unmask("maps 0 to a non-zero value");
    }

    @Override
    public boolean maskMovesPast() {
        return true;
    }
}

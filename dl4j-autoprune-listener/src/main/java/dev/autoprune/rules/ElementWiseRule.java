package dev.autoprune.rules;

import dev.autoprune.graph.ChannelFlow;
import dev.autoprune.graph.Channels;
import dev.autoprune.graph.NodeKind;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;

/**
 * {@code ElementWiseVertex}: couples the groups of its inputs into one (a residual add), whose masks
 * are then tied; the mask moves past it, so one mask after the add governs the whole stage.
 */
final class ElementWiseRule implements LayerRule {

    @Override
    public NodeKind kind() {
        return NodeKind.ELEMENTWISE;
    }

    @Override
    public Channels flow(ChannelFlow flow) {
        boolean product = MergeRule.plain(flow.node().vertex()) instanceof ElementWiseVertex ew
                && ew.getOp() == ElementWiseVertex.Op.Product;
        return flow.elementWise(product);
    }

    @Override
    public boolean maskMovesPast() {
        return true;
    }
}

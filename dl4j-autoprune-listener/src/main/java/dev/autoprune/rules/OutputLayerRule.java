package dev.autoprune.rules;

import dev.autoprune.compact.LayerSlicer;
import dev.autoprune.compact.Slicers;
import dev.autoprune.flops.CostContext;
import dev.autoprune.flops.CostTerms;
import dev.autoprune.graph.ChannelFlow;
import dev.autoprune.graph.Channels;
import dev.autoprune.graph.GraphNode;
import dev.autoprune.graph.NodeKind;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;

import java.util.Optional;

/**
 * {@code OutputLayer}: reads its input features like a dense layer; its outputs are the network's and
 * never pruned. {@code nIn*nOut} MACs; W keeps the kept input rows.
 */
class OutputLayerRule implements LayerRule {
    // Not final: CenterLossOutputRule reads its input the same way and adds the class centres.

    @Override
    public NodeKind kind() {
        return NodeKind.OUTPUT;
    }

    @Override
    public Optional<String> unsupportedReason(GraphNode node) {
        return InputChecks.feedForward(node);
    }

    @Override
    public Channels flow(ChannelFlow flow) {
        return flow.consume();
    }

    @Override
    public CostTerms cost(CostContext c) {
        return Costs.dense(c, ((BaseOutputLayer) c.layer()).hasBias());
    }

    @Override
    public Optional<LayerSlicer> slicer() {
        return Optional.of(Slicers.dense());
    }
}

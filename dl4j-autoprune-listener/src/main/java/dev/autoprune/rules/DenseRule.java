package dev.autoprune.rules;

import dev.autoprune.compact.LayerSlicer;
import dev.autoprune.compact.Slicers;
import dev.autoprune.flops.CostContext;
import dev.autoprune.flops.CostTerms;
import dev.autoprune.graph.ChannelFlow;
import dev.autoprune.graph.Channels;
import dev.autoprune.graph.GraphNode;
import dev.autoprune.graph.NodeKind;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;

import java.util.Optional;

/**
 * {@code DenseLayer}: reads its input features (after flattening, each channel is H*W of them) and
 * produces a new group of units; {@code nIn*nOut} MACs; W [nIn, nOut] keeps kept rows and columns;
 * its units rank by the norms of their weight columns.
 */
final class DenseRule implements LayerRule {

    @Override
    public NodeKind kind() {
        return NodeKind.DENSE;
    }

    @Override
    public Optional<String> unsupportedReason(GraphNode node) {
        return InputChecks.feedForward(node);
    }

    @Override
    public Channels flow(ChannelFlow flow) {
        return flow.produce();
    }

    @Override
    public CostTerms cost(CostContext c) {
        return Costs.dense(c, ((DenseLayer) c.layer()).hasBias());
    }

    @Override
    public Optional<LayerSlicer> slicer() {
        return Optional.of(Slicers.dense());
    }

    @Override
    public Optional<double[]> filterNorms(Layer layer, int p) {
        return FilterNorms.dense(layer, p);
    }
}

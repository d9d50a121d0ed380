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

import java.util.Optional;

/**
 * {@code MaskedConvolutionLayer} (and its subclasses): a convolution whose own output mask governs the
 * group it produces. Costs, slicing and importance as a plain convolution; removal turns it into one.
 */
final class MaskedConvolutionRule implements LayerRule {

    @Override
    public NodeKind kind() {
        return NodeKind.MASKED_CONVOLUTION;
    }

    @Override
    public Optional<String> unsupportedReason(GraphNode node) {
        return InputChecks.convolutional(node);
    }

    @Override
    public Channels flow(ChannelFlow flow) {
        return flow.produceMasked();
    }

    @Override
    public CostTerms cost(CostContext c) {
        return Costs.convolution(c);
    }

    @Override
    public Optional<LayerSlicer> slicer() {
        return Optional.of(Slicers.convolution());
    }

    @Override
    public Optional<double[]> filterNorms(Layer layer, int p) {
        return FilterNorms.convolution(layer, p);
    }

    @Override
    public boolean coversSubclasses() {
        return true;
    }
}

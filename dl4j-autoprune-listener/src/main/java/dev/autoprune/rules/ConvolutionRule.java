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
import org.deeplearning4j.nn.conf.layers.Convolution2D;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;

import java.util.Optional;

/**
 * {@code ConvolutionLayer} and {@code Convolution2D}: reads its input channels and produces a new group;
 * {@code Kh*Kw*Cin*Cout*Hout*Wout} MACs; W [nOut, nIn, kH, kW] loses output rows and input columns;
 * the mask may go inside it (as a {@code MaskedConvolutionLayer}) when the layer is exactly one of
 * these two classes; its channels rank by their filter norms.
 */
class ConvolutionRule implements LayerRule {
    // Not final: the masked and separable convolutions read their input and rank their filters the same way.

    @Override
    public NodeKind kind() {
        return NodeKind.CONVOLUTION;
    }

    @Override
    public Optional<String> unsupportedReason(GraphNode node) {
        return InputChecks.convolutional(node);
    }

    @Override
    public Channels flow(ChannelFlow flow) {
        return flow.produce();
    }

    @Override
    public CostTerms cost(CostContext c) {
        return Costs.convolution(c);
    }

    @Override
    public Optional<LayerSlicer> slicer() {
        return Optional.of(Slicers.convolution());
    }

    /** A subclass that shares this rule keeps its own class, so its mask goes after it. */
    @Override
    public boolean maskFitsInside(GraphNode node) {
        Class<?> c = node.layer().getClass();
        return c == ConvolutionLayer.class || c == Convolution2D.class;
    }

    @Override
    public Optional<double[]> filterNorms(Layer layer, int p) {
        return FilterNorms.convolution(layer, p);
    }
}

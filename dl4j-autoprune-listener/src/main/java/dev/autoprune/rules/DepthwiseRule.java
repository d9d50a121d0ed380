package dev.autoprune.rules;

import dev.autoprune.compact.LayerSlicer;
import dev.autoprune.compact.Slicers;
import dev.autoprune.flops.CostContext;
import dev.autoprune.flops.CostTerms;
import dev.autoprune.flops.Polynomial;
import dev.autoprune.graph.ChannelFlow;
import dev.autoprune.graph.Channels;
import dev.autoprune.graph.GraphNode;
import dev.autoprune.graph.NodeKind;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;

import java.util.Optional;

/**
 * {@code DepthwiseConvolution2D} with depth multiplier 1: one filter per channel, so it carries the
 * group (a mask before it stays exact when it adds no bias and its activation keeps zeros);
 * {@code Kh*Kw*C*Hout*Wout} MACs; W [kH, kW, nIn, 1] and b keep the kept channels.
 */
final class DepthwiseRule implements LayerRule {

    @Override
    public NodeKind kind() {
        return NodeKind.DEPTHWISE;
    }

    @Override
    public Optional<String> unsupportedReason(GraphNode node) {
        int m = ((DepthwiseConvolution2D) node.layer()).getDepthMultiplier();
        return m == 1 ? InputChecks.convolutional(node)
                : Optional.of("depth multiplier " + m + " (only 1 is supported for channel pruning)");
    }

    @Override
    public Channels flow(ChannelFlow flow) {
        ConvolutionLayer dw = (ConvolutionLayer) flow.node().layer();
        boolean keeps = !dw.hasBias() && ZeroPreservation.mapsZeroToZero(dw.getActivationFn());
        return keeps ? flow.input() : flow.unmask("adds a bias or applies an activation with f(0) != 0");
    }

    @Override
    public CostTerms cost(CostContext c) {
        ConvolutionLayer conv = (ConvolutionLayer) c.layer();
        double k = Costs.kernel(conv);
        Polynomial macs = Polynomial.product(k * c.outputPositions(), c.out());
        Polynomial params = Polynomial.product(k, c.in()).plus(Costs.bias(conv.hasBias(), c.out()));
        return CostTerms.of(macs, params);
    }

    @Override
    public Optional<LayerSlicer> slicer() {
        return Optional.of(Slicers.depthwise());
    }

    @Override
    public boolean maskMovesPast() {
        return true;
    }
}

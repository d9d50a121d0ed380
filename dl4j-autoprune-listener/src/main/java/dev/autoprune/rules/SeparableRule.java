package dev.autoprune.rules;

import dev.autoprune.compact.LayerSlicer;
import dev.autoprune.compact.Slicers;
import dev.autoprune.flops.CostContext;
import dev.autoprune.flops.CostTerms;
import dev.autoprune.flops.Polynomial;
import dev.autoprune.graph.NodeKind;
import org.deeplearning4j.nn.conf.layers.SeparableConvolution2D;

import java.util.Optional;

/**
 * {@code SeparableConvolution2D} (depth multiplier m): reads its input channels and produces a new
 * group; {@code Kh*Kw*m*Cin*Hout*Wout + m*Cin*Cout*Hout*Wout} MACs; needs at least two input channels
 * (DL4J 1.0.0-M2.1's sconv2d op fails with one).
 */
final class SeparableRule extends ConvolutionRule {

    @Override
    public NodeKind kind() {
        return NodeKind.SEPARABLE;
    }

    @Override
    public CostTerms cost(CostContext c) {
        SeparableConvolution2D conv = (SeparableConvolution2D) c.layer();
        double k = Costs.kernel(conv);
        double m = conv.getDepthMultiplier();
        double hw = c.outputPositions();
        Polynomial macs = Polynomial.product(k * m * hw, c.in()).plus(Polynomial.product(m * hw, c.in(), c.out()));
        Polynomial params = Polynomial.product(k * m, c.in()).plus(Polynomial.product(m, c.in(), c.out()))
                .plus(Costs.bias(conv.hasBias(), c.out()));
        return CostTerms.of(macs, params);
    }

    @Override
    public Optional<LayerSlicer> slicer() {
        return Optional.of(Slicers.separable());
    }

    @Override
    public int minInputChannels() {
        return 2;
    }
}

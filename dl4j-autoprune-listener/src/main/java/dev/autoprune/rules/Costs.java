package dev.autoprune.rules;

import dev.autoprune.flops.CostContext;
import dev.autoprune.flops.CostTerms;
import dev.autoprune.flops.LinearForm;
import dev.autoprune.flops.Polynomial;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;

/** The cost terms shared by several built-in rules (see {@code FlopsCounter} for what is counted). */
final class Costs {

    private Costs() {
    }

    /** Convolution: {@code K*Cin*Cout*HW} MACs, {@code K*Cin*Cout} weights plus a bias per output channel. */
    static CostTerms convolution(CostContext c) {
        ConvolutionLayer conv = (ConvolutionLayer) c.layer();
        double k = kernel(conv);
        Polynomial macs = Polynomial.product(k * c.outputPositions(), c.in(), c.out());
        Polynomial params = Polynomial.product(k, c.in(), c.out()).plus(bias(conv.hasBias(), c.out()));
        return CostTerms.of(macs, params);
    }

    /** Dense and output layers: {@code nIn*nOut} MACs and weights, plus a bias per output. */
    static CostTerms dense(CostContext c, boolean hasBias) {
        Polynomial macs = Polynomial.product(1, c.in(), c.out());
        Polynomial params = Polynomial.product(1, c.in(), c.out()).plus(bias(hasBias, c.out()));
        return CostTerms.of(macs, params);
    }

    static Polynomial bias(boolean hasBias, LinearForm out) {
        return hasBias ? Polynomial.product(1, out) : Polynomial.ZERO;
    }

    static double kernel(ConvolutionLayer c) {
        int[] k = c.getKernelSize();
        return (double) k[0] * k[1];
    }
}

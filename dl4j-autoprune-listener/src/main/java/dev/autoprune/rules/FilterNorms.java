package dev.autoprune.rules;

import org.deeplearning4j.nn.api.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Optional;

/**
 * Per-output-channel weight norms, the filter criterion of H. Li et al., "Pruning Filters for
 * Efficient ConvNets" (ICLR 2017), for the weight layouts of the built-in producers.
 */
final class FilterNorms {

    private FilterNorms() {
    }

    /** Dense W [nIn, nOut]: the norm of each column. */
    static Optional<double[]> dense(Layer l, int p) {
        INDArray w = l.getParam("W");
        return w == null ? Optional.empty() : Optional.of(norm(w, p, 0));
    }

    /**
     * A rank-4 weight with output channels first: "W" [nOut, nIn, kH, kW], or "pW" when the layer has
     * no "W". Note that a separable convolution has both, so its depthwise "W" [m, nIn, kH, kW] is
     * read, giving m values (the importance then ignores them unless m equals the channel count).
     */
    static Optional<double[]> convolution(Layer l, int p) {
        INDArray w = l.getParam("W");
        if (w == null) {
            w = l.getParam("pW");
        }
        if (w == null || w.rank() != 4) {
            return Optional.empty();
        }
        return Optional.of(norm(w, p, 1, 2, 3));
    }

    private static double[] norm(INDArray w, int p, int... dims) {
        return (p == 1 ? Transforms.abs(w, true).sum(dims) : w.norm2(dims)).toDoubleVector();
    }
}

package dev.autoprune.listener;

import dev.autoprune.graph.ChannelGroup;
import dev.autoprune.graph.ChannelGroups;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The magnitude importance the channel scores start from when the search begins: |gamma| of the
 * group's BatchNormalization layers where it has any (BN rescales every channel, so the filter norm
 * says little there), else the L1 norm of each producing filter. Several layers of one coupled group
 * are averaged after dividing each by its mean, so no layer dominates by scale.
 */
final class ChannelImportance {

    private ChannelImportance() {
    }

    /** The raw importance of each channel of a group (length C). */
    static double[] of(Model model, ChannelGroups groups, String groupId) {
        ChannelGroup group = groups.group(groupId);
        int c = (int) group.channels();
        double[] sum = new double[c];
        int used = 0;
        for (String name : group.carriers()) {
            Layer l = layer(model, name);
            if (l != null && l.conf().getLayer() instanceof BatchNormalization) {
                used += addNormalised(sum, Transforms.absVector(l.getParam("gamma")));
            }
        }
        if (used == 0) {
            for (String name : group.producers()) {
                Layer l = layer(model, name);
                if (l != null) {
                    used += addNormalised(sum, filterNorms(l));
                }
            }
        }
        return sum;
    }

    /** Standardises to mean 0 and standard deviation 1 (all zeros when every value is equal). */
    static double[] standardised(double[] x) {
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= x.length;
        double var = 0;
        for (double v : x) {
            var += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(var / x.length);
        double[] out = new double[x.length];
        if (sd > 0) {
            for (int i = 0; i < x.length; i++) {
                out[i] = (x[i] - mean) / sd;
            }
        }
        return out;
    }

    private static int addNormalised(double[] sum, double[] values) {
        if (values == null || values.length != sum.length) {
            return 0;
        }
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= values.length;
        for (int i = 0; i < sum.length; i++) {
            sum[i] += mean > 0 ? values[i] / mean : 0;
        }
        return 1;
    }

    /** L1 norm of each output channel's weights, or null for a layer without a known weight layout. */
    private static double[] filterNorms(Layer l) {
        if (l.conf().getLayer() instanceof DenseLayer) {
            INDArray w = l.getParam("W"); // [nIn, nOut]
            return w == null ? null : Transforms.abs(w).sum(0).toDoubleVector();
        }
        INDArray w = l.getParam("W");
        if (w == null) {
            w = l.getParam("pW"); // separable convolution: pointwise weights [out, in, 1, 1]
        }
        if (w == null || w.rank() != 4) {
            return null;
        }
        return Transforms.abs(w).sum(1, 2, 3).toDoubleVector();
    }

    private static Layer layer(Model model, String name) {
        if (model instanceof MultiLayerNetwork m) {
            for (Layer l : m.getLayers()) {
                if (name.equals(l.conf().getLayer().getLayerName())) {
                    return l;
                }
            }
            return null;
        }
        return ((ComputationGraph) model).getLayer(name);
    }

    /** Small helpers over ND4J's transforms, kept local so the intent reads at the call site. */
    private static final class Transforms {
        static INDArray abs(INDArray x) {
            return org.nd4j.linalg.ops.transforms.Transforms.abs(x, true);
        }

        static double[] absVector(INDArray x) {
            return x == null ? null : abs(x).toDoubleVector();
        }
    }
}

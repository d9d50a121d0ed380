package dev.autoprune.importance;

import dev.autoprune.graph.ChannelGroup;
import dev.autoprune.graph.ChannelGroups;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.io.ObjectStreamException;

/**
 * The built-in magnitude criteria of {@link ChannelImportance}. When a group has several producing
 * (or BatchNormalization) layers, each layer's values are divided by their mean before they are added,
 * so no layer dominates by scale.
 */
final class MagnitudeImportance implements ChannelImportance {

    private static final long serialVersionUID = 1L;

    static final MagnitudeImportance L1 = new MagnitudeImportance("l1", 1, false);
    static final MagnitudeImportance L2 = new MagnitudeImportance("l2", 2, false);
    static final MagnitudeImportance BN_GAMMA = new MagnitudeImportance("bn-gamma", 1, true);

    private final String name;
    private final int norm;
    private final boolean preferBatchNorm;

    private MagnitudeImportance(String name, int norm, boolean preferBatchNorm) {
        this.name = name;
        this.norm = norm;
        this.preferBatchNorm = preferBatchNorm;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public double[] of(Model model, ChannelGroups groups, String groupId) {
        ChannelGroup group = groups.group(groupId);
        double[] sum = new double[(int) group.channels()];
        int used = 0;
        if (preferBatchNorm) {
            for (String name : group.carriers()) {
                Layer l = layer(model, name);
                if (l != null && l.conf().getLayer() instanceof BatchNormalization) {
                    INDArray gamma = l.getParam("gamma");
                    used += addNormalised(sum, gamma == null ? null : Transforms.abs(gamma, true).toDoubleVector());
                }
            }
        }
        if (used == 0) {
            for (String name : group.producers()) {
                Layer l = layer(model, name);
                if (l != null) {
                    addNormalised(sum, filterNorms(l, norm));
                }
            }
        }
        return sum;
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

    /** The L1 or L2 norm of each output channel's weights, or null for a layer without a known weight layout. */
    static double[] filterNorms(Layer l, int norm) {
        INDArray w = l.getParam("W");
        if (l.conf().getLayer() instanceof DenseLayer) {
            return w == null ? null : norm(w, norm, 0); // [nIn, nOut]
        }
        if (w == null) {
            w = l.getParam("pW"); // separable convolution: pointwise weights [out, in, 1, 1]
        }
        if (w == null || w.rank() != 4) {
            return null;
        }
        return norm(w, norm, 1, 2, 3);
    }

    private static double[] norm(INDArray w, int norm, int... dims) {
        return (norm == 1 ? Transforms.abs(w, true).sum(dims) : w.norm2(dims)).toDoubleVector();
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

    /** Keeps the built-in criteria singletons across serialisation. */
    private Object readResolve() throws ObjectStreamException {
        return ChannelImportance.byName(name);
    }

    @Override
    public String toString() {
        return name;
    }
}

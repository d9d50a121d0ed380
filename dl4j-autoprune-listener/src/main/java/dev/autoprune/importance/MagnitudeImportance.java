package dev.autoprune.importance;

import dev.autoprune.graph.ChannelGroup;
import dev.autoprune.graph.ChannelGroups;
import dev.autoprune.rules.LayerRule;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.io.ObjectStreamException;
import java.util.Optional;

/**
 * The built-in magnitude criteria of {@link ChannelImportance}. The values come from the layer rules:
 * each producer's filter norms ({@link LayerRule#filterNorms}) or each carrier's per-channel scales
 * ({@link LayerRule#channelScales}, |gamma| of a BatchNormalization). When a group has several such
 * layers, each layer's values are divided by their mean before they are added, so no layer dominates
 * by scale. With a single layer per group this is one positive factor per group, which keeps the order
 * of the channels (a tie could only appear between values less than a rounding step apart).
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
                if (l != null) {
                    used += addNormalised(sum, rule(groups, name).channelScales(l));
                }
            }
        }
        if (used == 0) {
            for (String name : group.producers()) {
                Layer l = layer(model, name);
                if (l != null) {
                    addNormalised(sum, rule(groups, name).filterNorms(l, norm));
                }
            }
        }
        return sum;
    }

    private static LayerRule rule(ChannelGroups groups, String node) {
        return groups.graph().node(node).rule();
    }

    /** Adds {@code values / mean(values)}; returns 1 if it did, 0 if the values are missing or of another length. */
    private static int addNormalised(double[] sum, Optional<double[]> values) {
        if (values.isEmpty() || values.get().length != sum.length) {
            return 0;
        }
        double[] v = values.get();
        double mean = 0;
        for (double x : v) {
            mean += x;
        }
        mean /= v.length;
        for (int i = 0; i < sum.length; i++) {
            sum[i] += mean > 0 ? v[i] / mean : 0;
        }
        return 1;
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

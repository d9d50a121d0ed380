package dev.autoprune.flops;

import dev.autoprune.graph.ChannelGroup;
import dev.autoprune.graph.ChannelGroups;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The normalised FLOPs {@code F(r) = FLOPs(r) / FLOPs(1)} of a masked network as a function of the
 * remaining ratio of each masked channel group, with its exact gradient: the quantity the FLOPs
 * penalty of B. Li et al., "AutoPruning for Deep Neural Network with Dynamic Channel Masking"
 * (arXiv:2010.12021, 2020) acts on. Groups are those of {@link ChannelGroups} that carry masks, keyed
 * by the same ids (the first mask's layer name); what is counted is documented in {@link FlopsCounter}.
 *
 * <p>Ratio and kept-count maps may omit groups (they count as fully kept) but must not name unknown
 * groups or hold non-finite values. Immutable.
 */
public final class FlopsModel {

    private final FlopsCounter counter;
    private final Map<String, ChannelGroup> groups;
    private final double full;
    private final double minimum;

    private FlopsModel(FlopsCounter counter) {
        this.counter = counter;
        Map<String, ChannelGroup> g = new LinkedHashMap<>();
        for (ChannelGroup group : counter.groups().masked()) {
            g.put(group.id(), group);
        }
        this.groups = java.util.Collections.unmodifiableMap(g);
        this.full = counter.totalFlops();
        if (full <= 0) {
            throw new IllegalArgumentException("The network has no counted FLOPs (no convolution, dense or "
                    + "BatchNormalization layer), so a FLOPs fraction is undefined.");
        }
        Map<String, Double> min = new LinkedHashMap<>();
        for (ChannelGroup group : g.values()) {
            min.put(group.id(), group.minChannels() / (double) group.channels());
        }
        this.minimum = counter.flops(min) / full;
    }

    /** The model of an analysed network. */
    public static FlopsModel of(ChannelGroups groups) {
        return new FlopsModel(FlopsCounter.of(groups));
    }

    /** The model of a network (input type inferred, see {@link ChannelGroups}). */
    public static FlopsModel of(MultiLayerNetwork net) {
        return of(ChannelGroups.of(net));
    }

    /** The model of a network with the given input type. */
    public static FlopsModel of(MultiLayerNetwork net, InputType input) {
        return of(ChannelGroups.of(net, input));
    }

    /** The model of a graph (input types inferred, see {@link ChannelGroups}). */
    public static FlopsModel of(ComputationGraph net) {
        return of(ChannelGroups.of(net));
    }

    /** The model of a graph with the given input types. */
    public static FlopsModel of(ComputationGraph net, InputType... inputs) {
        return of(ChannelGroups.of(net, inputs));
    }

    /** The masked groups' ids, in topological order. */
    public List<String> groupIds() {
        return new ArrayList<>(groups.keySet());
    }

    /** FLOPs of the unpruned network. */
    public long fullFlops() {
        return counter.totalFlops();
    }

    /** {@code F(r)}: FLOPs with these remaining ratios over full FLOPs (missing group: ratio 1). */
    public double fraction(Map<String, Double> ratioByGroup) {
        return counter.flops(check(ratioByGroup)) / full;
    }

    /** {@code dF/dr_g} for every masked group (exact). */
    public Map<String, Double> fractionGradient(Map<String, Double> ratioByGroup) {
        Map<String, Double> grad = counter.flopsGradient(check(ratioByGroup));
        Map<String, Double> out = new LinkedHashMap<>();
        for (String id : groups.keySet()) {
            out.put(id, grad.getOrDefault(id, 0.0) / full);
        }
        return out;
    }

    /** {@code F} with exactly these many channels kept per group (missing group: all kept). */
    public double hardFraction(Map<String, Integer> keptByGroup) {
        for (String id : keptByGroup.keySet()) {
            group(id);
        }
        return counter.hardFlops(keptByGroup) / full;
    }

    /** The channel count C of a group. */
    public int channels(String groupId) {
        return (int) group(groupId).channels();
    }

    /** The fewest channels a group may keep. */
    public int minChannels(String groupId) {
        return group(groupId).minChannels();
    }

    /** The tied mask layer names of a group, in topological order (the first is the group id). */
    public List<String> maskNames(String groupId) {
        return group(groupId).maskNames();
    }

    /** {@code F} with every group at its minChannels: a target below this is impossible. */
    public double minimumFraction() {
        return minimum;
    }

    /** The per-layer counter behind this model. */
    public FlopsCounter counter() {
        return counter;
    }

    private ChannelGroup group(String id) {
        ChannelGroup g = groups.get(id);
        if (g == null) {
            throw new IllegalArgumentException("No masked channel group \"" + id + "\"; groups: " + groups.keySet());
        }
        return g;
    }

    private Map<String, Double> check(Map<String, Double> ratios) {
        for (Map.Entry<String, Double> e : ratios.entrySet()) {
            group(e.getKey());
            Double r = e.getValue();
            if (r == null || !Double.isFinite(r)) {
                throw new IllegalArgumentException("The ratio of channel group \"" + e.getKey()
                        + "\" must be finite, found " + r);
            }
        }
        return ratios;
    }
}

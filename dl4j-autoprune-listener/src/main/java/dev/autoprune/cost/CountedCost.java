package dev.autoprune.cost;

import dev.autoprune.flops.FlopsCounter;
import dev.autoprune.graph.ChannelGroup;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shared part of the cost models whose cost is a count from {@link FlopsCounter} (FLOPs,
 * parameters): the covered groups, the argument checks, and the normalisation by the full count.
 * Subclasses say which {@link Count}; the division by the full count happens last, so the fractions
 * are bit-identical to dividing the counter's totals.
 */
abstract class CountedCost implements CostModel {

    /** What is counted. */
    enum Count {
        FLOPS, PARAMETERS;

        double full(FlopsCounter c) {
            return this == FLOPS ? c.totalFlops() : c.totalParams();
        }

        double under(FlopsCounter c, Map<String, Double> ratios) {
            return this == FLOPS ? c.flops(ratios) : c.params(ratios);
        }

        Map<String, Double> gradient(FlopsCounter c, Map<String, Double> ratios) {
            return this == FLOPS ? c.flopsGradient(ratios) : c.paramsGradient(ratios);
        }

        long hard(FlopsCounter c, Map<String, Integer> kept) {
            return this == FLOPS ? c.hardFlops(kept) : c.hardParams(kept);
        }
    }

    private final Count count;
    private final FlopsCounter counter;
    private final Map<String, ChannelGroup> groups;
    private final double full;
    private final double minimum;

    CountedCost(Count count, FlopsCounter counter, String emptyMessage) {
        this.count = count;
        this.counter = counter;
        Map<String, ChannelGroup> g = new LinkedHashMap<>();
        for (ChannelGroup group : counter.groups().masked()) {
            g.put(group.id(), group);
        }
        this.groups = Collections.unmodifiableMap(g);
        this.full = count.full(counter);
        if (full <= 0) {
            throw new IllegalArgumentException(emptyMessage);
        }
        Map<String, Double> min = new LinkedHashMap<>();
        for (ChannelGroup group : g.values()) {
            min.put(group.id(), group.minChannels() / (double) group.channels());
        }
        this.minimum = count.under(counter, min) / full;
    }

    @Override
    public final List<String> groupIds() {
        return new ArrayList<>(groups.keySet());
    }

    @Override
    public final double fraction(Map<String, Double> ratioByGroup) {
        return count.under(counter, check(ratioByGroup)) / full;
    }

    @Override
    public final Map<String, Double> fractionGradient(Map<String, Double> ratioByGroup) {
        Map<String, Double> grad = count.gradient(counter, check(ratioByGroup));
        Map<String, Double> out = new LinkedHashMap<>();
        for (String id : groups.keySet()) {
            out.put(id, grad.getOrDefault(id, 0.0) / full);
        }
        return out;
    }

    @Override
    public final double hardFraction(Map<String, Integer> keptByGroup) {
        for (String id : keptByGroup.keySet()) {
            group(id);
        }
        return count.hard(counter, keptByGroup) / full;
    }

    @Override
    public final double minimumFraction() {
        return minimum;
    }

    /** The channel count C of a group. */
    public final int channels(String groupId) {
        return (int) group(groupId).channels();
    }

    /** The fewest channels a group may keep. */
    public final int minChannels(String groupId) {
        return group(groupId).minChannels();
    }

    /** The tied mask layer names of a group, in topological order (the first is the group id). */
    public final List<String> maskNames(String groupId) {
        return group(groupId).maskNames();
    }

    /** The per-layer counter behind this model. */
    public final FlopsCounter counter() {
        return counter;
    }

    @Override
    public String toString() {
        return name() + " cost model of groups " + groups.keySet();
    }

    private ChannelGroup group(String id) {
        return GroupArguments.group(groups, id);
    }

    private Map<String, Double> check(Map<String, Double> ratios) {
        return GroupArguments.ratios(groups, ratios);
    }
}

package dev.autoprune.listener;

import dev.autoprune.cost.CostModel;
import dev.autoprune.cost.FlopsCostModel;
import dev.autoprune.cost.LatencyModel;
import dev.autoprune.graph.ChannelGroup;
import dev.autoprune.graph.ChannelGroups;
import dev.autoprune.layers.MaskedLayer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.inputs.InputType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one network a listener is attached to, checked and analysed once: its adapter, channel groups,
 * cost model and tied masks. {@link #bind} refuses a network the listener cannot prune (no masks,
 * misplaced masks, a cost model for other groups, an unreachable target) before any training step.
 */
final class BoundNetwork {

    final NetworkAdapter net;
    final ChannelGroups groups;
    final CostModel cost;
    final TiedMasks masks;

    private BoundNetwork(NetworkAdapter net, ChannelGroups groups, CostModel cost, TiedMasks masks) {
        this.net = net;
        this.groups = groups;
        this.cost = cost;
        this.masks = masks;
    }

    /**
     * Analyses and checks the network.
     *
     * @param model      the network
     * @param settings   the listener's settings
     * @param cost       which cost the target is a fraction of
     * @param inputTypes the input types given to the builder, or null to use what the network tells (the
     *                   types its masks recorded in {@code AutoPrune.prunable}, else its configuration's
     *                   hints, else its current input batch)
     * @return the bound network, or empty when its input types cannot be known yet (none recorded, none in
     *         the configuration and no batch seen): bind again at the first forward pass
     */
    static Optional<BoundNetwork> bind(Model model, PruneSettings settings, CostChoice choice, InputType[] inputTypes) {
        NetworkAdapter adapter = NetworkAdapter.of(model);
        Map<String, MaskedLayer> found = adapter.maskedLayers();
        if (found.isEmpty()) {
            throw new IllegalStateException("AutoPruneListener: the network has no channel masks. Make it prunable "
                    + "first with AutoPrune.prunable(...), or use ChannelMaskLayer / MaskedConvolutionLayer.");
        }
        Optional<InputType[]> types = inputTypes != null ? Optional.of(inputTypes) : adapter.knownInputTypes();
        if (types.isEmpty()) {
            if (adapter.holdsInput()) {
                throw new IllegalStateException("AutoPruneListener: cannot tell the network's input types: its masks "
                        + "record none (AutoPrune.prunable records them), and neither its configuration nor its input "
                        + "batch tells them. Make the network with AutoPrune.prunable(..., PrunableOptions.builder()"
                        + ".inputTypes(...).build()), or, for hand-placed masks, pass inputTypes(...) to the listener's "
                        + "builder");
            }
            return Optional.empty();
        }
        ChannelGroups groups = adapter.channelGroups(types.get());
        groups.validate(); // misplaced masks, untied settings, blocked groups: refuse before any training
        CostModel cost = choice.resolve(groups);
        requireSameGroups(cost, groups);
        if (settings.target() < cost.minimumFraction()) {
            throw new IllegalStateException(String.format(Locale.ROOT, "AutoPruneListener: target %s fraction %.4f %s.",
                    cost.name(), settings.target(), CostChoice.floorRequirement(cost)));
        }
        Map<String, List<MaskedLayer>> byGroup = new LinkedHashMap<>();
        for (ChannelGroup g : groups.masked()) {
            List<MaskedLayer> tied = new ArrayList<>();
            for (String name : g.maskNames()) {
                MaskedLayer m = found.get(name);
                if (m == null) {
                    throw new IllegalStateException("AutoPruneListener: group '" + g.id() + "' names mask layer '"
                            + name + "', which the network does not have");
                }
                tied.add(m);
            }
            byGroup.put(g.id(), Collections.unmodifiableList(tied));
        }
        return Optional.of(new BoundNetwork(adapter, groups, cost, new TiedMasks(byGroup)));
    }

    /** A cost model built for another network would silently ignore or invent groups: refuse it by name. */
    private static void requireSameGroups(CostModel cost, ChannelGroups groups) {
        Set<String> masked = new LinkedHashSet<>();
        for (ChannelGroup g : groups.masked()) {
            masked.add(g.id());
        }
        Set<String> covered = new LinkedHashSet<>(cost.groupIds());
        if (!covered.equals(masked)) {
            Set<String> missing = new LinkedHashSet<>(masked);
            missing.removeAll(covered);
            Set<String> unknown = new LinkedHashSet<>(covered);
            unknown.removeAll(masked);
            throw new IllegalStateException("AutoPruneListener: the " + cost.name() + " cost model covers groups "
                    + covered + ", but the network's masked groups are " + masked + " (not covered: " + missing
                    + ", not in the network: " + unknown + "). Build the cost model for this network.");
        }
    }

    /** Per group, the current soft remaining ratio. */
    Map<String, Double> ratios() {
        return masks.ratios();
    }

    /** Per group, the current hard kept channel count. */
    Map<String, Integer> keptChannels() {
        return masks.hardCounts();
    }

    /** The cost fraction under the hard masks. */
    double hardFraction() {
        return cost.hardFraction(keptChannels());
    }

    /** The expected cost fraction under the soft ratios. */
    double softFraction() {
        return cost.fraction(ratios());
    }

    /** The model the listener is attached to. */
    Model model() {
        return net.model();
    }
}

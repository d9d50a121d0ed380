package dev.autoprune.convert;

import dev.autoprune.PrunableOptions;
import dev.autoprune.graph.ChannelGroup;
import dev.autoprune.graph.ChannelGroups;
import dev.autoprune.graph.GraphNode;
import dev.autoprune.graph.GroupConsumer;
import dev.autoprune.graph.MaskPlacement;
import dev.autoprune.graph.NetworkGraph;
import dev.autoprune.graph.NodeKind;
import dev.autoprune.layers.MaskSettings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans the masks {@code AutoPrune.prunable} inserts: from the placements the analysis finds
 * ({@link ChannelGroups#placements()}), applies {@link PrunableOptions} to choose which groups get
 * masks, and gives the settings each group's masks start with.
 */
final class MaskPlanner {

    /** A placement with the settings its mask gets. */
    record Planned(MaskPlacement placement, MaskSettings settings) {
    }

    private MaskPlanner() {
    }

    static List<Planned> plan(ChannelGroups groups, PrunableOptions options) {
        if (!groups.masked().isEmpty()) {
            throw new IllegalArgumentException("The network already has channel masks (" + groups.masked().get(0).maskNames()
                    + "); AutoPrune.prunable expects a network without masks.");
        }
        NetworkGraph graph = groups.graph();
        Map<String, List<MaskPlacement>> byGroup = new LinkedHashMap<>();
        for (MaskPlacement p : groups.placements()) {
            byGroup.computeIfAbsent(p.groupId(), k -> new ArrayList<>()).add(p);
        }
        List<Planned> out = new ArrayList<>();
        for (Map.Entry<String, List<MaskPlacement>> e : byGroup.entrySet()) {
            MaskPlacement first = e.getValue().get(0);
            if (!wanted(graph, groups, first, options)) {
                continue;
            }
            int min = 1;
            for (String producer : first.producers()) {
                min = Math.max(min, options.minChannelsFor(producer, first.channels()));
            }
            min = Math.max(min, minInputChannelsOfReaders(graph, groups, first.groupId()));
            MaskSettings settings = MaskLayerFactory.settings(min, options.channelMultiple());
            for (MaskPlacement p : e.getValue()) {
                out.add(new Planned(p, settings));
            }
        }
        return out;
    }

    /** The most input channels a reader of the group needs (2 for DL4J M2.1's SeparableConvolution2D). */
    private static int minInputChannelsOfReaders(NetworkGraph graph, ChannelGroups groups, String groupId) {
        int min = 1;
        if (groups.hasGroup(groupId)) {
            for (GroupConsumer c : groups.group(groupId).consumers()) {
                min = Math.max(min, graph.node(c.layerName()).rule().minInputChannels());
            }
        }
        return min;
    }

    private static boolean wanted(NetworkGraph graph, ChannelGroups groups, MaskPlacement p, PrunableOptions options) {
        if (p.channels() < 2) {
            return false; // nothing to prune
        }
        for (String producer : p.producers()) {
            GraphNode node = graph.node(producer);
            if (options.isExcluded(producer, node.layerIndex())) {
                return false;
            }
            if (node.kind() == NodeKind.DENSE && !options.pruneDense()) {
                return false;
            }
            if (options.keepInputLayer()) {
                for (String in : node.inputs()) {
                    if (graph.node(in).kind() == NodeKind.INPUT) {
                        return false;
                    }
                }
            }
        }
        if (options.keepOutputFeeding() && groups.hasGroup(p.groupId())) {
            ChannelGroup g = groups.group(p.groupId());
            for (GroupConsumer c : g.consumers()) {
                NodeKind kind = graph.node(c.layerName()).kind();
                if (kind == NodeKind.OUTPUT || kind == NodeKind.LOSS) {
                    return false;
                }
            }
        }
        return true;
    }
}

package dev.autoprune.graph;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds where masks go in an unmasked network: from each producer of a prunable group, follow the
 * chain of nodes whose rule lets the mask move past them (BatchNormalization, activation, depthwise
 * convolution, residual add) while it does not branch; the mask goes after the last one (METHOD.md,
 * "Where the mask acts"), inside the producer itself when its rule allows and nothing follows.
 * {@code dev.autoprune.convert.MaskPlanner} then chooses among these placements with the user's options.
 */
final class PlacementFinder {

    private PlacementFinder() {
    }

    static List<MaskPlacement> find(ChannelGroups groups) {
        NetworkGraph graph = groups.graph();
        List<MaskPlacement> out = new ArrayList<>();
        for (ChannelGroup g : groups.groups()) {
            if (g.isMasked() || !g.isPrunable() || g.producers().isEmpty()) {
                continue;
            }
            Set<String> ends = new LinkedHashSet<>();
            for (String producer : g.producers()) {
                ends.add(walk(graph, producer));
            }
            for (String end : ends) {
                GraphNode node = graph.node(end);
                boolean inside = g.producers().contains(end) && node.rule().maskFitsInside(node);
                out.add(new MaskPlacement(g.id(), end, inside, g.producers(), g.channels()));
            }
        }
        return out;
    }

    private static String walk(NetworkGraph graph, String start) {
        String current = start;
        while (true) {
            List<String> next = graph.successors(current);
            if (next.size() != 1 || graph.outputs().contains(current)) {
                return current;
            }
            GraphNode n = graph.node(next.get(0));
            if (!n.rule().maskMovesPast()) {
                return current;
            }
            current = n.name();
        }
    }
}

package dev.autoprune.graph;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds where masks go in an unmasked network: from each producer of a prunable group, follow the
 * chain of per-channel layers (BatchNormalization, activation, depthwise convolution, residual add)
 * while it does not branch; the mask goes after the last one (METHOD.md, "Where the mask acts").
 */
final class MaskPlacements {

    private MaskPlacements() {
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
                boolean inside = g.producers().contains(end) && node.kind() == NodeKind.CONVOLUTION;
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
            boolean chain = switch (n.kind()) {
                case BATCH_NORM, ACTIVATION, DEPTHWISE, ELEMENTWISE, SHIFT -> true;
                default -> false;
            };
            if (!chain) {
                return current;
            }
            current = n.name();
        }
    }
}

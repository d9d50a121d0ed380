package dev.autoprune.cost;

import dev.autoprune.graph.ChannelGroup;

import java.util.Map;

/** The argument checks every cost model makes on group ids and ratio maps, with the same messages. */
final class GroupArguments {

    private GroupArguments() {
    }

    /** The masked group with this id, or an error listing the groups the model covers. */
    static ChannelGroup group(Map<String, ChannelGroup> groups, String id) {
        ChannelGroup g = groups.get(id);
        if (g == null) {
            throw new IllegalArgumentException("No masked channel group \"" + id + "\"; groups: " + groups.keySet());
        }
        return g;
    }

    /** The ratios, checked: every id is a covered group and every value is finite. */
    static Map<String, Double> ratios(Map<String, ChannelGroup> groups, Map<String, Double> ratios) {
        for (Map.Entry<String, Double> e : ratios.entrySet()) {
            group(groups, e.getKey());
            Double r = e.getValue();
            if (r == null || !Double.isFinite(r)) {
                throw new IllegalArgumentException("The ratio of channel group \"" + e.getKey()
                        + "\" must be finite, found " + r);
            }
        }
        return ratios;
    }
}

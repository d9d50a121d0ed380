package dev.autoprune.bench;

import dev.autoprune.graph.ChannelGroup;
import dev.autoprune.graph.ChannelGroups;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The allocation a pruning method chose: the channels each prunable group of a benchmark network keeps,
 * out of the unpruned width, as one CSV-safe text such as {@code conv1=5/20 conv2=11/50}. A group is
 * named by its first producing layer in the unpruned network's analysis (for a group tied by residual
 * adds, one of its tied convolutions), and found in a pruned network as the group that layer produces;
 * the prunable groups are those {@code AutoPrune.prunable} masks. Immutable.
 */
final class KeptWidths {

    private final Map<String, Integer> full;

    private KeptWidths(Map<String, Integer> full) {
        this.full = full;
    }

    /** The prunable groups of an unpruned network and their widths. */
    static KeptWidths of(BenchModel unpruned) {
        Map<String, Integer> full = new LinkedHashMap<>();
        for (ChannelGroup g : unpruned.prunable().groups().masked()) {
            full.put(g.producers().get(0), (int) g.channels());
        }
        return new KeptWidths(full);
    }

    /**
     * The kept widths of {@code net} (the unpruned network, or one compacted from it), in the
     * unpruned network's group order.
     *
     * @throws IllegalStateException when a group of the unpruned network has no counterpart in {@code net}
     */
    String describe(BenchModel net) {
        Map<String, Long> width = new LinkedHashMap<>();
        ChannelGroups groups = net.groups();
        for (ChannelGroup g : groups.groups()) {
            for (String producer : g.producers()) { // the order of tied producers may differ after compaction
                width.putIfAbsent(producer, g.channels());
            }
        }
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, Integer> e : full.entrySet()) {
            Long w = width.get(e.getKey());
            if (w == null) {
                throw new IllegalStateException("The network has no channel group produced by layer " + e.getKey()
                        + "; it is not the unpruned benchmark network or compacted from it");
            }
            out.append(out.length() == 0 ? "" : " ").append(e.getKey()).append('=').append(w).append('/').append(e.getValue());
        }
        return out.toString();
    }

    /**
     * Reads a text written by {@link #describe}: {kept, full} per group name, in order; empty for an
     * empty text (rows written before the widths were recorded).
     *
     * @throws IllegalArgumentException naming the part that is not {@code name=kept/full}
     */
    static Map<String, int[]> parse(String text) {
        Map<String, int[]> out = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        for (String part : text.trim().split(" +")) {
            int eq = part.lastIndexOf('=');
            int slash = part.lastIndexOf('/');
            if (eq <= 0 || slash < eq) {
                throw new IllegalArgumentException("Kept widths \"" + text + "\": part \"" + part
                        + "\" is not name=kept/full");
            }
            try {
                out.put(part.substring(0, eq), new int[] {Integer.parseInt(part.substring(eq + 1, slash)),
                        Integer.parseInt(part.substring(slash + 1))});
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Kept widths \"" + text + "\": part \"" + part
                        + "\" is not name=kept/full", e);
            }
        }
        return out;
    }
}

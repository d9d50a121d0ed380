package dev.autoprune.graph;

import java.util.ArrayList;
import java.util.List;

/**
 * The channel sources of the group analysis (a producer's output, a network input, the output of an
 * opaque node), with what blocks and what carries each, and a union-find over them: sources that an
 * element-wise vertex adds become one group.
 */
final class SourceTable {

    /** One source: where its channels come from, and what has been recorded about them. */
    static final class Source {
        final String origin;
        final long channels;
        final boolean producer;
        final List<String> blockers = new ArrayList<>();
        final List<String> carriers = new ArrayList<>();

        Source(String origin, long channels, boolean producer) {
            this.origin = origin;
            this.channels = channels;
            this.producer = producer;
        }
    }

    private final List<Source> sources = new ArrayList<>();
    private final List<Integer> parent = new ArrayList<>();

    /** Adds a source; returns its index. */
    int add(String origin, long channels, boolean producer) {
        sources.add(new Source(origin, channels, producer));
        parent.add(parent.size());
        return sources.size() - 1;
    }

    Source get(int s) {
        return sources.get(s);
    }

    int size() {
        return sources.size();
    }

    /** The representative of a source's set (with path halving). */
    int find(int s) {
        while (parent.get(s) != s) {
            parent.set(s, parent.get(parent.get(s)));
            s = parent.get(s);
        }
        return s;
    }

    /** Unites two sets; the lower index stays the representative, so the first source names the group. */
    void union(int a, int b) {
        int ra = find(a);
        int rb = find(b);
        if (ra != rb) {
            parent.set(Math.max(ra, rb), Math.min(ra, rb));
        }
    }

    /** Records, once, why the channels of these runs cannot be pruned. */
    void block(Channels channels, String reason) {
        for (Run r : channels.runs()) {
            List<String> b = sources.get(r.source()).blockers;
            if (!b.contains(reason)) {
                b.add(reason);
            }
        }
    }

    /** Records, once, that {@code node} carries the channels of these runs. */
    void carry(Channels channels, String node) {
        for (Run r : channels.runs()) {
            List<String> c = sources.get(r.source()).carriers;
            if (!c.contains(node)) {
                c.add(node);
            }
        }
    }

    /** {@code origin:channels[xunit]} for each run, for messages. */
    String describe(Channels channels) {
        List<String> parts = new ArrayList<>();
        for (Run r : channels.runs()) {
            parts.add(sources.get(r.source()).origin + ":" + r.channels() + (r.unit() > 1 ? "x" + r.unit() : ""));
        }
        return parts.toString();
    }
}

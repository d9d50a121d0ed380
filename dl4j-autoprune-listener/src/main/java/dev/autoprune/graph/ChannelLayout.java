package dev.autoprune.graph;

import java.util.ArrayList;
import java.util.List;

/**
 * Which channel group each element of an activation (along the channel/feature dimension) belongs
 * to: an ordered list of {@link Segment}s. A concatenation has several segments; most activations
 * have one.
 */
public final class ChannelLayout {

    private final List<Segment> segments;

    /** A layout of the given segments, in order. */
    public ChannelLayout(List<Segment> segments) {
        this.segments = List.copyOf(segments);
    }

    /** The segments, in order. */
    public List<Segment> segments() {
        return segments;
    }

    /** The total number of elements (channels for a convolutional activation, features for a dense one). */
    public long size() {
        long n = 0;
        for (Segment s : segments) {
            n += s.size();
        }
        return n;
    }

    /** The element offset of segment {@code index}. */
    public long offset(int index) {
        long n = 0;
        for (int i = 0; i < index; i++) {
            n += segments.get(i).size();
        }
        return n;
    }

    /** The distinct group ids, in order of first appearance. */
    public List<String> groupIds() {
        List<String> ids = new ArrayList<>();
        for (Segment s : segments) {
            if (!ids.contains(s.groupId())) {
                ids.add(s.groupId());
            }
        }
        return ids;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChannelLayout other && segments.equals(other.segments);
    }

    @Override
    public int hashCode() {
        return segments.hashCode();
    }

    @Override
    public String toString() {
        return segments.toString();
    }
}

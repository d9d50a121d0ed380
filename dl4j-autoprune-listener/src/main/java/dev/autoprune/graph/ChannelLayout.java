package dev.autoprune.graph;

import java.util.ArrayList;
import java.util.List;

/**
 * Which channel group each element of an activation (along the channel/feature dimension) belongs
 * to: an ordered list of {@link Segment}s, repeated {@link #positions()} times. A concatenation has
 * several segments; most activations have one. Features flattened from an NHWC activation (DL4J's
 * [h, w, c] order) repeat the channel segments once per spatial position.
 */
public final class ChannelLayout {

    private final List<Segment> segments;
    private final long positions;

    /** A layout of the given segments, in order. */
    public ChannelLayout(List<Segment> segments) {
        this(segments, 1);
    }

    /**
     * A layout of the given segments, in order, repeated {@code positions} times.
     *
     * @throws IllegalArgumentException if positions is not positive
     */
    public ChannelLayout(List<Segment> segments, long positions) {
        if (positions <= 0) {
            throw new IllegalArgumentException("positions must be > 0, found " + positions);
        }
        this.segments = List.copyOf(segments);
        this.positions = positions;
    }

    /** How many times the segments repeat: H*W for features flattened from NHWC, else 1. */
    public long positions() {
        return positions;
    }

    /** The elements of one repetition of the segments. */
    public long sizePerPosition() {
        long n = 0;
        for (Segment s : segments) {
            n += s.size();
        }
        return n;
    }

    /** The segments, in order. */
    public List<Segment> segments() {
        return segments;
    }

    /** The total number of elements (channels for a convolutional activation, features for a dense one). */
    public long size() {
        return sizePerPosition() * positions;
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
        return o instanceof ChannelLayout other && segments.equals(other.segments) && positions == other.positions;
    }

    @Override
    public int hashCode() {
        return 31 * segments.hashCode() + Long.hashCode(positions);
    }

    @Override
    public String toString() {
        return segments + (positions == 1 ? "" : " x" + positions + " positions");
    }
}

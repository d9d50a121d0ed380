package dev.autoprune.graph;

import java.util.ArrayList;
import java.util.List;

/**
 * The channels of one activation as the group analysis follows them: which source (a producer, a
 * network input, an opaque layer) each run of elements comes from, and whether a mask has zeroed the
 * pruned ones. A layer rule receives and returns these through {@link ChannelFlow}; they are opaque
 * to it. Immutable.
 */
public final class Channels {

    private final List<Run> runs;
    private final long positions;

    Channels(List<Run> runs) {
        this(runs, 1);
    }

    /** Runs repeated for each of {@code positions} spatial positions (features flattened from NHWC). */
    Channels(List<Run> runs, long positions) {
        this.runs = List.copyOf(runs);
        this.positions = positions;
    }

    /** How often the runs repeat: H*W after DL4J flattens an NHWC activation in [h, w, c] order; else 1. */
    long positions() {
        return positions;
    }

    List<Run> runs() {
        return runs;
    }

    /** The number of elements per example position (channels of a CNN activation, features of a flat one). */
    public long size() {
        long n = 0;
        for (Run r : runs) {
            n += r.channels() * r.unit();
        }
        return n * positions;
    }

    /** Whether both have the same runs of channels and units (ignoring where they come from). */
    boolean sameStructure(Channels other) {
        if (runs.size() != other.runs.size() || positions != other.positions) {
            return false;
        }
        for (int i = 0; i < runs.size(); i++) {
            if (runs.get(i).channels() != other.runs.get(i).channels() || runs.get(i).unit() != other.runs.get(i).unit()) {
                return false;
            }
        }
        return true;
    }

    /** The concatenation of several activations along the channel axis. */
    static Channels concat(List<Channels> parts) {
        List<Run> all = new ArrayList<>();
        for (Channels p : parts) {
            all.addAll(p.runs);
        }
        return new Channels(all);
    }

    @Override
    public String toString() {
        return "Channels" + runs + (positions == 1 ? "" : " x" + positions + " positions");
    }
}

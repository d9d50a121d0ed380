package dev.autoprune.compact;

import dev.autoprune.graph.ChannelLayout;
import dev.autoprune.graph.Segment;

/**
 * Turns kept channels into kept activation elements: in a layout, channel {@code c} of a segment
 * starting at {@code offset} with {@code unit} elements per channel is elements
 * {@code offset + c*unit ... offset + c*unit + unit - 1} (DL4J's [c, h, w] flattening order after a
 * {@code CnnToFeedForwardPreProcessor}, concatenation offsets after a merge), repeated for every spatial
 * position of a layout flattened from NHWC ([h, w, c] order).
 */
final class ElementIndices {

    private ElementIndices() {
    }

    static long[] kept(ChannelLayout layout, KeptChannels kept) {
        long n = 0;
        for (Segment s : layout.segments()) {
            n += (long) kept.count(s.groupId()) * s.unit();
        }
        long[] out = new long[Math.toIntExact(n * layout.positions())];
        int k = 0;
        long offset = 0;
        for (long p = 0; p < layout.positions(); p++) {
            for (Segment s : layout.segments()) {
                for (int c : kept.indices(s.groupId())) {
                    for (long u = 0; u < s.unit(); u++) {
                        out[k++] = offset + c * s.unit() + u;
                    }
                }
                offset += s.size();
            }
        }
        return out;
    }

    /** Whether {@code idx} is 0..size-1, i.e. nothing is removed. */
    static boolean isAll(long[] idx, long size) {
        if (idx.length != size) {
            return false;
        }
        for (int i = 0; i < idx.length; i++) {
            if (idx[i] != i) {
                return false;
            }
        }
        return true;
    }
}

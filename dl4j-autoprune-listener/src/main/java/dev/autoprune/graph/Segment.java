package dev.autoprune.graph;

import java.util.Objects;

/**
 * A run of consecutive elements of an activation that belongs to one channel group: {@code channels}
 * channels of group {@code groupId}, each occupying {@code unit} consecutive elements. In a
 * convolutional activation the unit is 1 (one element per channel along the channel axis); after a
 * {@code CnnToFeedForwardPreProcessor} DL4J flattens NCHW in [c, h, w] order, so each channel becomes a
 * block of {@code H*W} consecutive features and the unit is {@code H*W}; NHWC flattens in [h, w, c]
 * order, so the unit stays 1 and the layout repeats per position ({@link ChannelLayout#positions()}).
 *
 * @param groupId  the id of the {@link ChannelGroup}
 * @param channels the group's channel count
 * @param unit     elements per channel, >= 1
 */
public record Segment(String groupId, long channels, long unit) {

    /** Validates the fields. */
    public Segment {
        Objects.requireNonNull(groupId, "groupId");
        if (channels <= 0 || unit <= 0) {
            throw new IllegalArgumentException("channels and unit must be > 0, found channels=" + channels
                    + ", unit=" + unit + " for group " + groupId);
        }
    }

    /** The number of elements this segment spans: {@code channels * unit}. */
    public long size() {
        return channels * unit;
    }
}

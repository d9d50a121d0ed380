package dev.autoprune.compact;

import dev.autoprune.graph.ChannelGroup;
import dev.autoprune.graph.ChannelGroups;
import dev.autoprune.layers.MaskedLayer;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The channels each group keeps: for a masked group the indices its HARD mask keeps
 * ({@link MaskedLayer#hardKeptIndices()}, whatever mode the mask is in now), identical for all tied
 * masks; for every other group all channels. Immutable.
 */
public final class KeptChannels {

    private final ChannelGroups groups;
    private final Map<String, int[]> kept;

    private KeptChannels(ChannelGroups groups, Map<String, int[]> kept) {
        this.groups = groups;
        this.kept = Collections.unmodifiableMap(kept);
    }

    /**
     * Reads the HARD kept indices of every masked group.
     *
     * @param layers the run-time layer of a mask layer name
     * @throws IllegalStateException if tied masks disagree or a group would keep no channel
     */
    public static KeptChannels of(ChannelGroups groups, Function<String, MaskedLayer> layers) {
        Map<String, int[]> kept = new LinkedHashMap<>();
        for (ChannelGroup g : groups.masked()) {
            int[] first = null;
            String firstName = null;
            for (String name : g.maskNames()) {
                int[] idx = layers.apply(name).hardKeptIndices();
                if (first == null) {
                    first = idx;
                    firstName = name;
                } else if (!Arrays.equals(first, idx)) {
                    throw new IllegalStateException("The tied masks \"" + firstName + "\" and \"" + name + "\" of group \""
                            + g.id() + "\" keep different channels (" + Arrays.toString(first) + " vs "
                            + Arrays.toString(idx) + "). Give tied masks identical theta and scores (AutoPruneListener "
                            + "does) before removing channels.");
                }
            }
            if (first.length == 0) {
                throw new IllegalStateException("Channel group \"" + g.id() + "\" (masks " + g.maskNames()
                        + ") would keep 0 of its " + g.channels() + " channels; a group must keep at least one. "
                        + "Raise the mask's ratio or minChannels.");
            }
            kept.put(g.id(), first.clone());
        }
        return new KeptChannels(groups, kept);
    }

    /** The kept channel indices of a group, increasing (all channels for an unmasked group). */
    public int[] indices(String groupId) {
        int[] idx = kept.get(groupId);
        if (idx != null) {
            return idx.clone();
        }
        int[] all = new int[(int) groups.group(groupId).channels()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return all;
    }

    /** How many channels a group keeps. */
    public int count(String groupId) {
        int[] idx = kept.get(groupId);
        return idx != null ? idx.length : (int) groups.group(groupId).channels();
    }

    /** The kept counts of the masked groups, by group id. */
    public Map<String, Integer> counts() {
        Map<String, Integer> out = new LinkedHashMap<>();
        kept.forEach((id, idx) -> out.put(id, idx.length));
        return out;
    }

    /** The analysis these channels refer to. */
    public ChannelGroups groups() {
        return groups;
    }
}

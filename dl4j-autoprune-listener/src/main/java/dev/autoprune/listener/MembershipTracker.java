package dev.autoprune.listener;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts, per channel group, how often a channel entered or left the hard kept set during the search
 * (the "dynamic" in dynamic channel masking: a channel pruned early can come back). Keeps its
 * bookkeeping in the {@link PruneState}, so it survives a checkpoint.
 */
final class MembershipTracker {

    private final PruneState state;

    MembershipTracker(PruneState state) {
        this.state = state;
    }

    /** Starts counting a group from its kept set at the start of the search. */
    void start(String group, int[] kept) {
        state.lastKept.put(group, kept);
        state.membershipChanges.put(group, 0);
    }

    /** Records a group's kept set after a ratio step, adding the channels that entered or left it. */
    void record(String group, int[] kept) {
        int[] before = state.lastKept.get(group);
        if (before != null && !Arrays.equals(before, kept)) {
            state.membershipChanges.merge(group, symmetricDifference(before, kept), Integer::sum);
        }
        state.lastKept.put(group, kept);
    }

    /** Per group, the changes counted so far (a copy). */
    Map<String, Integer> changes() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(state.membershipChanges));
    }

    /** The size of the symmetric difference of two sorted index sets. */
    static int symmetricDifference(int[] a, int[] b) {
        int i = 0;
        int j = 0;
        int diff = 0;
        while (i < a.length || j < b.length) {
            if (j >= b.length || (i < a.length && a[i] < b[j])) {
                diff++;
                i++;
            } else if (i >= a.length || b[j] < a[i]) {
                diff++;
                j++;
            } else {
                i++;
                j++;
            }
        }
        return diff;
    }
}

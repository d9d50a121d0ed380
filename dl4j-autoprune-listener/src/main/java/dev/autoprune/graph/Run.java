package dev.autoprune.graph;

/**
 * A run of consecutive activation elements that come from one channel source, as the group analysis
 * follows it: {@code channels} channels of {@code unit} elements each, and the mask that has zeroed
 * the pruned ones on this path ({@code zeroedBy}, or null when no mask has).
 */
record Run(int source, long channels, long unit, String zeroedBy) {

    Run zeroed(String by) {
        return new Run(source, channels, unit, by);
    }

    Run withUnit(long u) {
        return new Run(source, channels, u, zeroedBy);
    }
}

package dev.autoprune.report;

import java.util.List;
import java.util.Objects;

/**
 * One channel group in a {@link PruningReport}.
 *
 * @param id       the group id (its first mask's name)
 * @param channels channels before pruning
 * @param kept     channels kept (HARD selection)
 * @param masks    the group's tied mask layers (empty for a compacted network)
 */
public record GroupRow(String id, long channels, long kept, List<String> masks) {

    /** Validates the fields. */
    public GroupRow {
        Objects.requireNonNull(id, "id");
        masks = List.copyOf(masks);
        if (kept < 0 || kept > channels) {
            throw new IllegalArgumentException("Group \"" + id + "\": kept must be in [0, " + channels + "], found " + kept);
        }
    }

    /** The kept fraction {@code kept / channels}. */
    public double ratio() {
        return channels == 0 ? 1 : kept / (double) channels;
    }
}

package dev.autoprune.listener;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compares two named-setting tables (as {@link PruneSettings#toMap()} writes them), so that a refused
 * checkpoint can list each setting that differs instead of saying only that they differ.
 */
final class SettingDifferences {

    private SettingDifferences() {
    }

    /** One line {@code name: mine vs theirs} per setting whose values differ, in {@code mine}'s order. */
    static List<String> between(Map<String, Object> mine, Map<String, Object> theirs) {
        List<String> out = new ArrayList<>();
        mine.forEach((name, v) -> {
            if (!Objects.equals(v, theirs.get(name))) {
                out.add(name + ": " + v + " vs " + theirs.get(name));
            }
        });
        return out;
    }
}

package dev.autoprune.report;

import java.util.Objects;

/**
 * One layer in a {@link PruningReport}: FLOPs and parameters before and after removing the pruned
 * channels (see {@code FlopsCounter} for what is counted; mask parameters are never counted).
 *
 * @param name         the layer name
 * @param type         its DL4J type
 * @param flopsBefore  FLOPs at full width
 * @param flopsAfter   FLOPs with the kept channels
 * @param paramsBefore parameters at full width
 * @param paramsAfter  parameters with the kept channels
 */
public record LayerRow(String name, String type, long flopsBefore, long flopsAfter, long paramsBefore,
                       long paramsAfter) {

    /** Validates the fields. */
    public LayerRow {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}

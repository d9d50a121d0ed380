package dev.autoprune.report;

import java.util.Objects;

/**
 * One timed layer of a {@link LatencyReport}, in milliseconds of one forward pass.
 *
 * @param name            layer name
 * @param type            DL4J layer type
 * @param measuredBefore  measured at full width (when the latency model was measured)
 * @param predictedBefore the fit's value at full width
 * @param predictedAfter  the fit's value at the kept widths
 * @param measuredAfter   measured now at the kept widths
 * @param fitError        root mean square relative error of the layer's fit over its grid
 */
public record LatencyRow(String name, String type, double measuredBefore, double predictedBefore, double predictedAfter,
                         double measuredAfter, double fitError) {

    /** Validates the fields. */
    public LatencyRow {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}

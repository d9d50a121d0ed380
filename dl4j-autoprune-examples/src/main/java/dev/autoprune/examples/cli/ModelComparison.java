package dev.autoprune.examples.cli;

import dev.autoprune.report.PruningReport;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.inputs.InputType;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Two saved models side by side ({@code autoprune report MODEL --baseline BASE}): FLOPs, parameters
 * and the width of every hidden layer, with the kept fractions. This is how a compacted (plain) model
 * confirms a pruning result: on its own it is simply a smaller network. A masked model is counted as
 * {@code compact} will leave it.
 *
 * @param baselineFlops FLOPs per example of the baseline
 * @param modelFlops FLOPs per example of the model
 * @param baselineParams parameters of the baseline
 * @param modelParams parameters of the model
 * @param baselineWidths hidden layer widths of the baseline (plain models only, else empty)
 * @param modelWidths hidden layer widths of the model (plain models only, else empty)
 */
record ModelComparison(long baselineFlops, long modelFlops, long baselineParams, long modelParams,
                       Map<String, Long> baselineWidths, Map<String, Long> modelWidths) {

    /**
     * @param baseline the reference model
     * @param model the model to compare with it
     * @param inputs the input types from {@code --input-shape}, or null to use the recorded ones
     * @return the comparison
     */
    static ModelComparison of(Model baseline, Model model, InputType[] inputs) {
        PruningReport b = Networks.report(baseline, inputs);
        PruningReport m = Networks.report(model, inputs);
        return new ModelComparison(b.flopsAfter(), m.flopsAfter(), b.paramsAfter(), m.paramsAfter(),
                Networks.hasMasks(baseline) ? Map.of() : Networks.widths(baseline),
                Networks.hasMasks(model) ? Map.of() : Networks.widths(model));
    }

    /** FLOPs of the model over those of the baseline. */
    double flopsKept() {
        return (double) modelFlops / baselineFlops;
    }

    /** Parameters of the model over those of the baseline. */
    double paramsKept() {
        return (double) modelParams / baselineParams;
    }

    /**
     * @param format {@code table}, {@code json} or {@code csv}
     * @param baselineName how to name the baseline
     * @param modelName how to name the model
     * @return the text, ending in a newline
     */
    String format(String format, String baselineName, String modelName) {
        String nl = System.lineSeparator();
        return switch (format) {
            case "json" -> String.format(Locale.ROOT, "{\"baseline\": {\"flops\": %d, \"params\": %d}, "
                    + "\"model\": {\"flops\": %d, \"params\": %d}, \"flopsKept\": %.6f, \"paramsKept\": %.6f}",
                    baselineFlops, baselineParams, modelFlops, modelParams, flopsKept(), paramsKept()) + nl;
            case "csv" -> "record,baseline,model,kept" + nl
                    + String.format(Locale.ROOT, "flops,%d,%d,%.6f", baselineFlops, modelFlops, flopsKept()) + nl
                    + String.format(Locale.ROOT, "params,%d,%d,%.6f", baselineParams, modelParams, paramsKept()) + nl
                    + widthRows("channels %s,%d,%d,%.6f", nl);
            default -> "baseline: " + baselineName + nl + "model:    " + modelName + nl
                    + String.format(Locale.ROOT, "%-24s %14s %14s %9s%n", "", "baseline", "model", "kept")
                    + String.format(Locale.ROOT, "%-24s %,14d %,14d %9.4f%n", "FLOPs per example", baselineFlops,
                    modelFlops, flopsKept())
                    + String.format(Locale.ROOT, "%-24s %,14d %,14d %9.4f%n", "parameters", baselineParams,
                    modelParams, paramsKept())
                    + widthRows("%-24s %14d %14d %9.4f", nl)
                    + String.format(Locale.ROOT, "FLOPs kept: %.4f, parameters kept: %.4f%n", flopsKept(),
                    paramsKept());
        };
    }

    private String widthRows(String row, String nl) {
        StringBuilder sb = new StringBuilder();
        Set<String> layers = new LinkedHashSet<>(baselineWidths.keySet());
        layers.retainAll(modelWidths.keySet());
        for (String layer : layers) {
            long b = baselineWidths.get(layer);
            long m = modelWidths.get(layer);
            String name = row.startsWith("channels") ? layer : "channels " + layer;
            sb.append(String.format(Locale.ROOT, row, name, b, m, (double) m / b)).append(nl);
        }
        return sb.toString();
    }
}

package dev.autoprune.examples.cli;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Formats two {@link NetworkSummary}s side by side: accuracy, FLOPs, parameters, latency and the
 * width of every hidden layer, each with the after/before ratio.
 */
public final class BeforeAfterTable {

    private BeforeAfterTable() {
    }

    /**
     * @param before the baseline
     * @param after the pruned, compacted network
     * @param latencyBatch the batch size the latencies were measured with
     * @return the table, lines ending in a newline
     */
    public static String format(NetworkSummary before, NetworkSummary after, int latencyBatch) {
        StringBuilder sb = new StringBuilder();
        String row = "%-24s %14s %14s %9s%n";
        sb.append(String.format(Locale.ROOT, row, "", "before", "after", "after/bef"));
        sb.append(String.format(Locale.ROOT, row, "test accuracy", pct(before.accuracy()), pct(after.accuracy()),
                String.format(Locale.ROOT, "%+.1f pt", 100 * (after.accuracy() - before.accuracy()))));
        sb.append(String.format(Locale.ROOT, row, "FLOPs per image", String.format(Locale.ROOT, "%,d", before.flops()),
                String.format(Locale.ROOT, "%,d", after.flops()), ratio(after.flops(), before.flops())));
        sb.append(String.format(Locale.ROOT, row, "parameters", String.format(Locale.ROOT, "%,d", before.params()),
                String.format(Locale.ROOT, "%,d", after.params()), ratio(after.params(), before.params())));
        sb.append(String.format(Locale.ROOT, row, "latency ms/batch of " + latencyBatch,
                ms(before.latencyMillis()), ms(after.latencyMillis()),
                ratio(after.latencyMillis(), before.latencyMillis())));
        Set<String> layers = new LinkedHashSet<>(before.widths().keySet());
        layers.addAll(after.widths().keySet());
        for (String layer : layers) {
            Long b = before.widths().get(layer);
            Long a = after.widths().get(layer);
            sb.append(String.format(Locale.ROOT, row, "channels " + layer, b == null ? "-" : b.toString(),
                    a == null ? "-" : a.toString(), b == null || a == null ? "" : ratio(a, b)));
        }
        return sb.toString();
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.2f %%", 100 * v);
    }

    private static String ms(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String ratio(double a, double b) {
        return b == 0 || Double.isNaN(a) || Double.isNaN(b) ? "" : String.format(Locale.ROOT, "%.3f", a / b);
    }
}

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

    /**
     * The demo's table: the baseline, the same-epoch control (the baseline trained on, unpruned, for
     * as many epochs as the pruned network's search and fine-tuning took) and the pruned network, with
     * the pruned network compared against the control. Comparing against the baseline alone credits
     * pruning with the extra training epochs; the control isolates the cost of pruning.
     *
     * @param baseline the baseline as trained
     * @param control the baseline trained on for {@code controlEpochs} more epochs, unpruned
     * @param pruned the pruned, compacted network (trained the same number of extra epochs)
     * @param controlEpochs the extra epochs of the control and the pruned network
     * @param latencyBatch the batch size the latencies were measured with
     * @return the table, lines ending in a newline
     */
    public static String withControl(NetworkSummary baseline, NetworkSummary control, NetworkSummary pruned,
                                     int controlEpochs, int latencyBatch) {
        StringBuilder sb = new StringBuilder();
        String row = "%-24s %14s %14s %14s %11s%n";
        sb.append(String.format(Locale.ROOT, row, "", "baseline", "control +" + controlEpochs + "ep",
                "pruned +" + controlEpochs + "ep", "pruned/ctrl"));
        sb.append(String.format(Locale.ROOT, row, "test accuracy", pct(baseline.accuracy()), pct(control.accuracy()),
                pct(pruned.accuracy()), String.format(Locale.ROOT, "%+.1f pt",
                        100 * (pruned.accuracy() - control.accuracy()))));
        sb.append(String.format(Locale.ROOT, row, "FLOPs per image", count(baseline.flops()), count(control.flops()),
                count(pruned.flops()), ratio(pruned.flops(), control.flops())));
        sb.append(String.format(Locale.ROOT, row, "parameters", count(baseline.params()), count(control.params()),
                count(pruned.params()), ratio(pruned.params(), control.params())));
        sb.append(String.format(Locale.ROOT, row, "latency ms/batch of " + latencyBatch, ms(baseline.latencyMillis()),
                ms(control.latencyMillis()), ms(pruned.latencyMillis()),
                ratio(pruned.latencyMillis(), control.latencyMillis())));
        Set<String> layers = new LinkedHashSet<>(control.widths().keySet());
        layers.addAll(pruned.widths().keySet());
        for (String layer : layers) {
            Long b = baseline.widths().get(layer);
            Long c = control.widths().get(layer);
            Long a = pruned.widths().get(layer);
            sb.append(String.format(Locale.ROOT, row, "channels " + layer, b == null ? "-" : b.toString(),
                    c == null ? "-" : c.toString(), a == null ? "-" : a.toString(),
                    c == null || a == null ? "" : ratio(a, c)));
        }
        return sb.toString();
    }

    private static String count(long v) {
        return String.format(Locale.ROOT, "%,d", v);
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

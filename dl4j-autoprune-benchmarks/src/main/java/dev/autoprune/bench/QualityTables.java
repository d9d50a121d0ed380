package dev.autoprune.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The markdown tables of the quality benchmark: one line per (net, target, method) cell with its mean
 * and spread over seeds, the search cost, AutoPrune paired seed by seed with the other methods, and
 * the kept widths per group of every pruned run.
 */
final class QualityTables {

    private QualityTables() {
    }

    /** The results table, the search-cost line and the paired differences, as markdown. */
    static String render(List<QualityRow> rows) {
        StringBuilder md = new StringBuilder();
        md.append("| net | target | method | runs | epochs | test acc. (mean ± sd) | vs baseline, same epochs | hard FLOPs | params (mean) | wall s (mean) |\n");
        md.append("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|\n");
        Map<String, List<QualityRow>> cells = new LinkedHashMap<>();
        for (QualityRow r : rows) {
            cells.computeIfAbsent(r.net() + "|" + r.target() + "|" + r.method(), k -> new ArrayList<>()).add(r);
        }
        // The fair reference for every pruned model is the baseline trained for the same total epochs
        // with a fresh optimiser (restarting Adam alone can add accuracy).
        Map<String, Double> baseline = new LinkedHashMap<>();
        Map<String, Double> baselineSeconds = new LinkedHashMap<>();
        for (Map.Entry<String, List<QualityRow>> e : cells.entrySet()) {
            if (e.getKey().endsWith("|baseline+fresh-optimizer")) {
                baseline.put(e.getValue().get(0).net(), mean(e.getValue(), QualityRow::accuracy));
                baselineSeconds.put(e.getValue().get(0).net(), mean(e.getValue(), QualityRow::seconds));
            }
        }
        for (List<QualityRow> cell : cells.values()) {
            QualityRow first = cell.get(0);
            double mean = mean(cell, QualityRow::accuracy);
            boolean sameBudget = !first.method().equals("baseline");
            // One run has no spread; printing "± 0" would claim one.
            String spread = cell.size() < 2 ? "(1 seed)"
                    : String.format(Locale.ROOT, "± %.4f", sd(cell, QualityRow::accuracy));
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | %d | %.4f %s | %s | %.3f | %.0f | %.0f |%n",
                    first.net(), first.target() >= 1 ? "-" : String.format(Locale.ROOT, "%.1f", first.target()),
                    first.method(), cell.size(), first.epochs(), mean, spread,
                    sameBudget && baseline.containsKey(first.net())
                            ? String.format(Locale.ROOT, "%+.4f", mean - baseline.get(first.net())) : "",
                    mean(cell, QualityRow::hardFlops), mean(cell, r -> (double) r.params()),
                    mean(cell, QualityRow::seconds)));
        }
        StringBuilder cost = new StringBuilder();
        for (List<QualityRow> cell : cells.values()) {
            QualityRow first = cell.get(0);
            if (first.method().equals("autoprune") && baselineSeconds.containsKey(first.net())) {
                cost.append(String.format(Locale.ROOT, " %s T=%.1f: %.2fx;", first.net(), first.target(),
                        mean(cell, QualityRow::seconds) / baselineSeconds.get(first.net())));
            }
        }
        // Without the fresh-optimizer control there is no plain training of the same epochs to compare with.
        if (cost.length() > 0) {
            md.append("\nSearch cost (wall time of the AutoPrune pruning phase, search + fine-tune, against the same "
                    + "epochs of plain training of the baseline):").append(cost).append('\n');
        }
        md.append(pairedDifferences(rows));
        md.append(allocations(rows));
        return md.toString();
    }

    /**
     * The allocation each pruning method chose: for every pruned row that recorded its kept widths, the
     * channels each group kept, one table per net with a column per group (headed by the group's
     * unpruned width). Empty when no row has widths (rows written before they were recorded). The
     * from-scratch control is left out: it has AutoPrune's widths by construction.
     */
    static String allocations(List<QualityRow> rows) {
        Map<String, List<QualityRow>> byNet = new LinkedHashMap<>();
        for (QualityRow r : rows) {
            if (r.target() < 1 && !r.kept().isEmpty() && !r.method().equals("autoprune-arch-from-scratch")) {
                byNet.computeIfAbsent(r.net(), k -> new ArrayList<>()).add(r);
            }
        }
        StringBuilder md = new StringBuilder();
        for (Map.Entry<String, List<QualityRow>> net : byNet.entrySet()) {
            Map<String, Integer> full = new LinkedHashMap<>();
            for (QualityRow r : net.getValue()) {
                KeptWidths.parse(r.kept()).forEach((group, w) -> full.putIfAbsent(group, w[1]));
            }
            md.append("\nKept channels per group, ").append(net.getKey())
                    .append(" (column: the group's first convolution and its unpruned width):\n\n| target | seed | method |");
            full.forEach((group, c) -> md.append(' ').append(group).append(" (").append(c).append(") |"));
            md.append("\n|---:|---:|---|").append("---:|".repeat(full.size())).append('\n');
            List<QualityRow> sorted = new ArrayList<>(net.getValue());
            sorted.sort(java.util.Comparator.comparingDouble((QualityRow r) -> -r.target()).thenComparingLong(QualityRow::seed));
            for (QualityRow r : sorted) {
                Map<String, int[]> kept = KeptWidths.parse(r.kept());
                md.append(String.format(Locale.ROOT, "| %.1f | %d | %s |", r.target(), r.seed(), r.method()));
                full.keySet().forEach(group -> md.append(' ').append(kept.containsKey(group) ? kept.get(group)[0] : "")
                        .append(" |"));
                md.append('\n');
            }
        }
        return md.toString();
    }

    /**
     * AutoPrune against uniform L1, global magnitude pruning, its own architecture from scratch and the
     * same-epoch baseline, seed by seed. All methods of a
     * seed start from the same baseline and see the same batch orders, so a seed's luck moves them
     * together; the spread of the per-seed differences is the one a claim has to beat.
     */
    static String pairedDifferences(List<QualityRow> rows) {
        Map<String, QualityRow> byKey = new LinkedHashMap<>();
        Map<String, List<QualityRow>> autoprune = new LinkedHashMap<>(); // by net and target, in table order
        for (QualityRow r : rows) {
            byKey.put(QualityRow.key(r.net(), r.target(), r.method(), r.seed()), r);
            if (r.method().equals("autoprune")) {
                autoprune.computeIfAbsent(r.net() + " T=" + String.format(Locale.ROOT, "%.1f", r.target()),
                        k -> new ArrayList<>()).add(r);
            }
        }
        StringBuilder md = new StringBuilder();
        for (Map.Entry<String, List<QualityRow>> cell : autoprune.entrySet()) {
            for (String other : List.of("uniform-L1", "global-magnitude", "autoprune-arch-from-scratch",
                    "baseline+fresh-optimizer", "baseline-continued")) {
                List<Double> d = new ArrayList<>();
                for (QualityRow a : cell.getValue()) {
                    QualityRow b = byKey.get(QualityRow.key(a.net(),
                            other.startsWith("baseline") ? 1.0 : a.target(), other, a.seed()));
                    if (b != null) {
                        d.add(a.accuracy() - b.accuracy());
                    }
                }
                if (d.isEmpty()) {
                    continue;
                }
                double m = d.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
                String spread = d.size() < 2 ? "(1 seed)" : String.format(Locale.ROOT, "± %.4f",
                        Math.sqrt(d.stream().mapToDouble(x -> (x - m) * (x - m)).sum() / (d.size() - 1)));
                md.append(String.format(Locale.ROOT, "- %s, vs %s: %+.4f %s (%s)%n", cell.getKey(), other, m, spread,
                        String.join(", ", d.stream().map(x -> String.format(Locale.ROOT, "%+.4f", x)).toList())));
            }
        }
        return md.length() == 0 ? "" : "\nPaired by seed (AutoPrune minus the other method on the same seed, whose "
                + "baseline and batch orders they share; mean ± sd of the differences, then each seed's):\n" + md;
    }

    private static double mean(List<QualityRow> rows, ToDoubleFunction<QualityRow> f) {
        return rows.stream().mapToDouble(f).average().orElse(Double.NaN);
    }

    private static double sd(List<QualityRow> rows, ToDoubleFunction<QualityRow> f) {
        if (rows.size() < 2) {
            return 0;
        }
        double m = mean(rows, f);
        double ss = rows.stream().mapToDouble(f).map(v -> (v - m) * (v - m)).sum();
        return Math.sqrt(ss / (rows.size() - 1));
    }
}

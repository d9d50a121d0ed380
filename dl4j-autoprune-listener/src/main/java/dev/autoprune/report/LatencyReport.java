package dev.autoprune.report;

import dev.autoprune.cost.LatencyModel;
import dev.autoprune.cost.LayerLatencyFit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measured against predicted latency, layer by layer, of a network pruned to kept channel counts: per
 * timed layer of a {@link LatencyModel}, its time at full width (measured and fitted) and at the kept
 * widths (fitted, and measured now with the model's timer), the fit error; the totals, the predicted
 * latency fraction and the reachable floor. Part of {@link PruningReport#withLatency}. Immutable.
 */
public final class LatencyReport {

    private final List<LatencyRow> rows;
    private final double floor;
    private final int batchSize;
    private final String backend;
    private final int threads;

    private LatencyReport(List<LatencyRow> rows, double floor, int batchSize, String backend, int threads) {
        this.rows = List.copyOf(rows);
        this.floor = floor;
        this.batchSize = batchSize;
        this.backend = backend;
        this.threads = threads;
    }

    /** Times the layers at the kept widths now (with the model's timer) and sets them against the model. */
    public static LatencyReport of(LatencyModel model, Map<String, Integer> keptByGroup) {
        Map<String, Double> predicted = model.predictedLayerSeconds(keptByGroup);
        Map<String, Double> measured = model.measuredLayerSeconds(keptByGroup);
        Map<String, LayerLatencyFit> fits = new LinkedHashMap<>();
        model.fits().forEach(f -> fits.put(f.layer(), f));
        List<LatencyRow> rows = new ArrayList<>();
        for (Map.Entry<String, Double> e : predicted.entrySet()) {
            LayerLatencyFit f = fits.get(e.getKey());
            rows.add(new LatencyRow(e.getKey(), f.type(), 1e3 * f.measuredFull(), 1e3 * f.seconds(1, 1),
                    1e3 * e.getValue(), 1e3 * measured.get(e.getKey()), f.rmsError()));
        }
        return new LatencyReport(rows, model.minimumFraction(), model.batchSize(), model.backend(), model.threads());
    }

    /** One row per timed layer, in topological order. */
    public List<LatencyRow> rows() {
        return rows;
    }

    /** The latency fraction left with every group at its minChannels: no target below it is reachable. */
    public double floor() {
        return floor;
    }

    /** Sum of the layers measured at full width, in ms. */
    public double measuredBefore() {
        return rows.stream().mapToDouble(LatencyRow::measuredBefore).sum();
    }

    /** Sum of the layers measured at the kept widths, in ms. */
    public double measuredAfter() {
        return rows.stream().mapToDouble(LatencyRow::measuredAfter).sum();
    }

    /** Sum of the fits at full width, in ms. */
    public double predictedBefore() {
        return rows.stream().mapToDouble(LatencyRow::predictedBefore).sum();
    }

    /** Sum of the fits at the kept widths, in ms. */
    public double predictedAfter() {
        return rows.stream().mapToDouble(LatencyRow::predictedAfter).sum();
    }

    /** The predicted latency fraction (the cost the listener pruned to). */
    public double predictedFraction() {
        return predictedAfter() / predictedBefore();
    }

    /** The measured latency fraction (sum of layers timed now at the kept widths over at full width). */
    public double measuredFraction() {
        return measuredAfter() / measuredBefore();
    }

    /** The report as an aligned table with the totals, the fractions and the floor. */
    public String toTable() {
        TextTable t = new TextTable("layer", "type", "ms measured", "ms fitted", "ms predicted after",
                "ms measured after", "fit error");
        for (LatencyRow r : rows) {
            t.row(r.name(), r.type(), ms(r.measuredBefore()), ms(r.predictedBefore()), ms(r.predictedAfter()),
                    ms(r.measuredAfter()), String.format(Locale.ROOT, "%.1f %%", 100 * r.fitError()));
        }
        t.row("TOTAL", "", ms(measuredBefore()), ms(predictedBefore()), ms(predictedAfter()), ms(measuredAfter()), "");
        return String.format(Locale.ROOT, "Latency (%s, batch %d, %d threads; one forward pass, sum of layers)%n",
                backend, batchSize, threads) + t + String.format(Locale.ROOT,
                "%nLatency kept: predicted %.3f, measured %.3f; floor (every group at its minChannels) %.3f%n",
                predictedFraction(), measuredFraction(), floor);
    }

    /** The report as a JSON-ready map. */
    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("backend", backend);
        m.put("batchSize", batchSize);
        m.put("threads", threads);
        List<Map<String, Object>> ls = new ArrayList<>();
        for (LatencyRow r : rows) {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("name", r.name());
            l.put("type", r.type());
            l.put("msMeasuredBefore", r.measuredBefore());
            l.put("msPredictedBefore", r.predictedBefore());
            l.put("msPredictedAfter", r.predictedAfter());
            l.put("msMeasuredAfter", r.measuredAfter());
            l.put("fitError", r.fitError());
            ls.add(l);
        }
        m.put("layers", ls);
        m.put("predictedFraction", predictedFraction());
        m.put("measuredFraction", measuredFraction());
        m.put("floor", floor);
        return m;
    }

    private static String ms(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    @Override
    public String toString() {
        return toTable();
    }
}

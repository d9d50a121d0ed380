package dev.autoprune.cost;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Times each layer of a {@link LatencyModel} on its width grid and fits it, reporting progress. The grid is
 * timed in {@code passes} sweeps (alternately forwards and backwards) and each point keeps the median of
 * its sweeps: a burst of load from another process then spoils one sweep's points, not the shape of the
 * fit (on a shared 2-core machine, one sweep gave conv2 of LeNet a 19 % rms fit error, a quiet one 1.5 %).
 */
final class LatencyMeasurer {

    private static final Logger LOG = LoggerFactory.getLogger(LatencyModel.class);

    private final LayerTimer timer;
    private final int batchSize;
    private final List<Double> grid;
    private final int passes;
    private final Consumer<String> progress;

    LatencyMeasurer(LayerTimer timer, int batchSize, List<Double> grid, int passes, Consumer<String> progress) {
        this.timer = timer;
        this.batchSize = batchSize;
        this.grid = grid;
        this.passes = passes;
        this.progress = progress;
    }

    static void log(String line) {
        LOG.info(line);
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    LatencyCache.Entry measure(List<TimedLayer> layers, LatencyCache.Key key) {
        long t0 = System.nanoTime();
        List<LayerLatencyFit> fits = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            TimedLayer t = layers.get(i);
            long l0 = System.nanoTime();
            LayerLatencyFit fit = fit(t);
            fits.add(fit);
            progress.accept(String.format(Locale.ROOT, "latency: layer %d/%d %s, %d points in %.1f s, fit error %.1f %%",
                    i + 1, layers.size(), t.name(), fit.points(), (System.nanoTime() - l0) / 1e9, 100 * fit.rmsError()));
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        progress.accept(String.format(Locale.ROOT, "latency: measured %d layers in %.1f s (%s, batch %d, %d threads)",
                layers.size(), seconds, key.backend(), batchSize, key.threads()));
        return new LatencyCache.Entry(key, fits, seconds);
    }

    private LayerLatencyFit fit(TimedLayer t) {
        long cin = t.inputChannels();
        long cout = t.outputChannels();
        TreeSet<Long> ins = counts(t.inputVaries(), cin);
        TreeSet<Long> outs = counts(t.outputVaries(), cout);
        int n = ins.size() * outs.size();
        double[] x = new double[n];
        double[] y = new double[n];
        long[][] widths = new long[n][];
        int i = 0;
        for (long ci : ins) {
            for (long co : outs) {
                x[i] = t.inputVaries() ? ci / (double) cin : 1;
                y[i] = t.outputVaries() ? co / (double) cout : 1;
                widths[i++] = new long[]{ci, co};
            }
        }
        double[][] sweeps = new double[n][passes];
        for (int pass = 0; pass < passes; pass++) {
            for (int k = 0; k < n; k++) {
                int j = pass % 2 == 0 ? k : n - 1 - k;
                sweeps[j][pass] = time(t, widths[j][0], widths[j][1]);
            }
        }
        double[] s = new double[n];
        for (int j = 0; j < n; j++) {
            Arrays.sort(sweeps[j]);
            s[j] = sweeps[j][passes / 2];
        }
        // the last point is the full width (both sets are sorted, the full count is the largest)
        return LayerLatencyFit.fit(t.name(), t.type(), t.inputVaries(), t.outputVaries(), x, y, s, s[n - 1]);
    }

    private double time(TimedLayer t, long ci, long co) {
        double s = timer.seconds(t.layer(ci, co), t.inputVaries() ? t.input(ci) : t.inputType(), batchSize);
        if (!(s > 0) || !Double.isFinite(s)) {
            throw new IllegalStateException("LatencyModel: the timer gave " + s + " s for layer \"" + t.name()
                    + "\"; times must be positive");
        }
        return s;
    }

    /** The channel counts of the grid (at least 1, distinct); just the full count when the width is fixed. */
    private TreeSet<Long> counts(boolean varies, long channels) {
        TreeSet<Long> c = new TreeSet<>();
        c.add(channels);
        if (varies) {
            for (double f : grid) {
                c.add(Math.max(1, Math.round(f * channels)));
            }
        }
        return c;
    }
}

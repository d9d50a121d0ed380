package dev.autoprune.bench;

import dev.autoprune.cost.LatencyModel;
import dev.autoprune.cost.LayerLatencyFit;
import dev.autoprune.cost.Nd4jLayerTimer;
import dev.autoprune.cost.TimerClock;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The fit quality of a {@code LatencyModel} measured in one sweep of its grid against three sweeps (median
 * per point), on the wall clock and on the thread's CPU time ({@link TimerClock}), on LeNet: per layer the
 * rms and worst relative error over the grid, and per model the error of its predicted latency fraction at
 * held-out widths (narrow ones included) against the fraction measured there. The three models are
 * measured one after the other in each round, so they meet similar load; writes section
 * {@code latency-fit} of BENCHMARKS.md and the raw rows to {@code bench-results/latency-fit.csv}.
 */
@Command(name = "latency-fit", mixinStandardHelpOptions = true,
        description = "Latency model fit error: one sweep of the grid vs three, wall clock vs thread CPU time (LeNet); "
                + "writes BENCHMARKS.md.")
public final class LatencyFitBenchmark implements Callable<Integer> {

    /** Held-out kept widths {conv1, conv2} of LeNet (20, 50 channels), off the grid, mostly narrow. */
    private static final int[] FULL = {20, 50};

    private static final int[][] HELD_OUT = {{2, 27}, {5, 34}, {3, 10}, {10, 25}, {2, 5}, {14, 40}, {4, 13}, {7, 19}};

    @Option(names = "--pairs", description = "Rounds of the three models (one sweep, three, three on CPU time) (default ${DEFAULT-VALUE}).")
    int pairs = 1;

    @Option(names = "--batch", description = "Batch size (default ${DEFAULT-VALUE}).")
    int batch = 64;

    @Option(names = "--markdown", description = "File to write the table to (default ${DEFAULT-VALUE}).")
    Path markdown = Path.of("BENCHMARKS.md");

    /** Entry point. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new LatencyFitBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        BenchModel probe = LatencyNets.LENET.build(1).prunable();
        Path csv = Path.of("bench-results", "latency-fit.csv");
        Files.createDirectories(csv.getParent());
        if (!Files.exists(csv)) {
            Files.writeString(csv, "pair,sweeps,clock,what,item,rms_or_predicted_fraction,max_or_measured_fraction,measuring_s\n");
        }
        StringBuilder fits = new StringBuilder("| pair | sweeps | clock | measured in | conv1 | pool1 | conv2 | pool2 | fc "
                + "| held-out latency fraction, predicted - measured (mean abs / worst) |\n|---:|---:|---|---:|---|---|---|---|---|---|\n");
        for (int pair = 1; pair <= pairs; pair++) {
            for (Object[] config : new Object[][]{{1, TimerClock.WALL}, {3, TimerClock.WALL}, {3, TimerClock.THREAD_CPU}}) {
                int sweeps = (Integer) config[0];
                TimerClock clock = (TimerClock) config[1];
                LatencyModel model = probe.latency(LatencyModel.builder(batch).passes(sweeps)
                        .timer(new Nd4jLayerTimer(2, 5, clock)).progress(s -> { }));
                fits.append(row(pair, sweeps, clock, model, heldOutTruth(model), csv));
            }
        }
        String md = String.format(Locale.ROOT, "### Latency model fit: one sweep of the grid against three, wall clock against thread CPU time (LeNet, batch %d)%n%n"
                        + "Command: `java -cp CLASSPATH dev.autoprune.bench.LatencyFitBenchmark --pairs %d --batch %d`. %s "
                        + "Raw rows: `%s`. The machine was shared (other processes compiled and trained on the same cores). "
                        + "Per pair, LeNet's latency model measured in one sweep of its 5x5 width grid on the wall clock (as "
                        + "before), in three sweeps (each point the median of its sweeps, the default now), and in three "
                        + "sweeps on the thread's CPU time (`--clock THREAD_CPU` of the latency benchmark); per layer the rms / worst relative "
                        + "error of the fit over its grid; then at 8 held-out kept widths (conv1, conv2) = %s the "
                        + "predicted latency fraction against the one measured right after on the model's clock (sum of the layers at those "
                        + "widths over the sum at full width, timed one after the other, median of 3 rounds), the mean "
                        + "absolute and the worst difference in fraction points.%n%n%s",
                batch, pairs, batch, MarkdownSection.machine(), csv, Arrays.deepToString(HELD_OUT), fits);
        MarkdownSection.write(markdown, "latency-fit", md);
        System.out.println(md);
        return 0;
    }

    /**
     * Measured latency fraction of the whole network (sum of its layers) at each held-out width: each width
     * timed right after the full width, in 3 rounds, the median of the rounds' ratios, so that the machine's
     * drift between the model's measurement and this one cancels.
     */
    private static Map<String, Double> heldOutTruth(LatencyModel model) {
        Map<String, Double> truth = new LinkedHashMap<>();
        for (int[] k : HELD_OUT) {
            double[] f = new double[3];
            for (int r = 0; r < f.length; r++) {
                double full = seconds(model.measuredLayerSeconds(kept(FULL)));
                f[r] = seconds(model.measuredLayerSeconds(kept(k))) / full;
            }
            Arrays.sort(f);
            truth.put(Arrays.toString(k), f[1]);
        }
        return truth;
    }

    private static double seconds(Map<String, Double> layers) {
        return layers.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    private static Map<String, Integer> kept(int[] k) {
        return Map.of("conv1", k[0], "conv2", k[1]);
    }

    private static String row(int pair, int sweeps, TimerClock clock, LatencyModel model, Map<String, Double> truth,
                              Path csv) throws java.io.IOException {
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT, "| %d | %d | %s | %.1f s |", pair, sweeps,
                clock.label(), model.measuringSeconds()));
        StringBuilder rows = new StringBuilder();
        for (LayerLatencyFit f : model.fits()) {
            if (f.inputVaries() || f.outputVaries()) {
                md.append(String.format(Locale.ROOT, " %.1f / %.1f %% |", 100 * f.rmsError(), 100 * f.maxError()));
                rows.append(String.format(Locale.ROOT, "%d,%d,%s,fit,%s,%.4f,%.4f,%.1f%n", pair, sweeps, clock.label(), f.layer(),
                        f.rmsError(), f.maxError(), model.measuringSeconds()));
            }
        }
        double sum = 0;
        double worst = 0;
        for (int[] k : HELD_OUT) {
            double predicted = model.hardFraction(kept(k));
            double measured = truth.get(Arrays.toString(k));
            double e = predicted - measured;
            sum += Math.abs(e);
            worst = Math.abs(e) > Math.abs(worst) ? e : worst;
            rows.append(String.format(Locale.ROOT, "%d,%d,%s,held-out,%s,%.4f,%.4f,%.1f%n", pair, sweeps, clock.label(),
                    Arrays.toString(k).replace(",", ";"), predicted, measured, model.measuringSeconds()));
        }
        Files.writeString(csv, rows.toString(), StandardOpenOption.APPEND);
        return md.append(String.format(Locale.ROOT, " %.3f / %+.3f |%n", sum / HELD_OUT.length, worst))
                .toString();
    }
}

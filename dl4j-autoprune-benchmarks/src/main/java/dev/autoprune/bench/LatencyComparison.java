package dev.autoprune.bench;

import dev.autoprune.cost.FlopsCostModel;
import dev.autoprune.cost.LatencyModel;
import dev.autoprune.cost.LayerLatencyFit;
import dev.autoprune.cost.Nd4jLayerTimer;
import dev.autoprune.cost.TimerClock;
import dev.autoprune.examples.data.BatchOptions;
import dev.autoprune.examples.data.LabeledImages;
import dev.autoprune.graph.ChannelGroups;
import dev.autoprune.listener.AutoPruneListener;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.learning.config.Adam;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One network of {@link LatencyBenchmark}: its latency model, then per latency target three pruned
 * networks from the same trained baseline, compared at (near) equal predicted latency: AutoPrune with the
 * latency model, AutoPrune with FLOPs at the FLOPs target of the uniform widths the latency model puts at
 * the latency run's predicted latency, and uniform L1 at those uniform widths. Each gets the same epochs;
 * all three and the original are timed alternately in the same run, so each measured fraction holds
 * within one row however the machine's speed drifts.
 */
final class LatencyComparison {

    private static final Logger log = LoggerFactory.getLogger(LatencyComparison.class);

    /** The CSV header of the raw rows. */
    static final String CSV_HEADER = "net,batch,threads,target,floor,pruned_to,method,method_target,predicted_latency,"
            + "measured_layers,measured_output,requested_speedup,realized_speedup,flops_fraction,accuracy,"
            + "baseline_accuracy,epochs,kept,ms_before_layers,ms_after_layers,fit_error_worst,measuring_s\n";

    private static final int ROUNDS = 5;

    /** The benchmark's settings. */
    record Settings(int batch, int reps, int searchEpochs, int sweeps, double ratioLr, TimerClock clock, Path cacheDir) {
        int pruneEpochs() {
            return searchEpochs + 1;
        }
    }

    /** Training (search), held-out (ratio steps) and test images. */
    record Data(LabeledImages train, LabeledImages val, LabeledImages test) {
        DataSetIterator trainIterator() {
            return train.iterator(BatchOptions.builder().batchSize(64).shuffle(1).build());
        }

        DataSetIterator valIterator() {
            return val.iterator(BatchOptions.builder().batchSize(64).shuffle(2).build());
        }
    }

    private record Pruned(String method, double setTo, BenchModel net, Map<String, Integer> kept) {
    }

    private final LatencyNets kind;
    private final Settings settings;
    private final Data data;
    private final Path csv;

    LatencyComparison(LatencyNets kind, Settings settings, Data data, Path csv) {
        this.kind = kind;
        this.settings = settings;
        this.data = data;
        this.csv = csv;
    }

    /**
     * Runs every target and returns the network's Markdown; appends the raw rows to the CSV as measured and
     * hands the Markdown so far to {@code partial} after each target.
     */
    String run(List<Double> targets, Consumer<String> partial) throws IOException {
        BenchModel base = kind.build(1);
        base.fit(data.trainIterator());
        DataSetIterator testIt = data.test().iterator(BatchOptions.of(256));
        double baseAcc = base.accuracy(testIt);
        BenchModel probe = base.prunable();
        LatencyModel model = probe.latency(LatencyModel.builder(settings.batch()).passes(settings.sweeps())
                .timer(new Nd4jLayerTimer(2, 5, settings.clock()))
                .cache(settings.cacheDir().resolve("latency-model-" + kind.name().toLowerCase(Locale.ROOT) + "-b"
                        + settings.batch() + "-sweeps" + settings.sweeps() + "-" + settings.clock().label()
                        + ".properties")));
        ChannelGroups groups = probe.groups();
        FlopsCostModel flops = FlopsCostModel.of(groups);
        INDArray x = data.test().iterator(BatchOptions.of(settings.batch())).next().getFeatures();
        NetworkLatency timer = new NetworkLatency(settings.reps(), settings.clock());
        StringBuilder md = new StringBuilder(header(model, base, timer, x, baseAcc));
        for (double target : targets) {
            double prunedTo = Math.max(target, Math.ceil((model.minimumFraction() + 0.02) * 100) / 100);
            Pruned lat = autoPrune("AutoPrune, latency", prunedTo, base,
                    AutoPruneListener.builder().costModel(model).target(prunedTo));
            Map<String, Integer> uniform = UniformL1Widths.matching(groups, model, model.hardFraction(lat.kept()));
            double flopsTarget = flops.hardFraction(uniform);
            Pruned fl = autoPrune("AutoPrune, FLOPs", flopsTarget, base,
                    AutoPruneListener.builder().targetFlops(flopsTarget));
            BenchModel l1Net = UniformL1Widths.prune(base, uniform);
            for (int e = 0; e < settings.pruneEpochs(); e++) {
                l1Net.fit(data.trainIterator());
            }
            Pruned l1 = new Pruned("uniform L1", model.hardFraction(uniform), l1Net, uniform);
            md.append(measure(List.of(lat, fl, l1), base, model, flops, x, timer, testIt, target, prunedTo, baseAcc));
            partial.accept(md.toString());
        }
        return md.toString();
    }

    private Pruned autoPrune(String method, double setTo, BenchModel base, AutoPruneListener.Builder builder) {
        BenchModel prunable = base.prunable();
        AutoPruneListener pruner = builder.warmupEpochs(0).maxSearchEpochs(settings.searchEpochs()).fineTuneEpochs(1)
                .ratioUpdater(new Adam(settings.ratioLr())).validationData(data.valIterator()).build();
        prunable.addListeners(pruner);
        DataSetIterator trainIt = data.trainIterator();
        int used = 0;
        while (!pruner.isDone() && used < settings.pruneEpochs()) {
            prunable.fit(trainIt);
            used++;
        }
        BenchModel compact = prunable.compact();
        for (; used < settings.pruneEpochs(); used++) {
            compact.fit(trainIt); // the search stopped early: the rest of the budget fine-tunes
        }
        log.info("{} {} at {}: kept {}", kind, method, setTo, pruner.keptChannels());
        return new Pruned(method, setTo, compact, pruner.keptChannels());
    }

    private String header(LatencyModel model, BenchModel base, NetworkLatency timer, INDArray x, double baseAcc) {
        Map<String, Double> layers = base.layerMicros(timer, x);
        double untimed = model.untimedVertices().stream().mapToDouble(v -> layers.getOrDefault(v, 0.0)).sum();
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT, "%n**%s, batch %d**: latency model measured in "
                        + "%.1f s (%d sweeps of the grid), worst per-layer fit error %.1f %% (rms over its grid), floor %.3f "
                        + "(every group at its minChannels); baseline test accuracy %.3f after 1 epoch. ", kind,
                settings.batch(), model.measuringSeconds(), settings.sweeps(), 100 * model.worstFitError(),
                model.minimumFraction(), baseAcc));
        md.append(model.untimedVertices().isEmpty() ? "Every layer is in the model.\n\n"
                : String.format(Locale.ROOT, "Not in the model (untimed, counted 0): %s, which take %.1f %% of the "
                + "original's measured layer time.%n%n", model.untimedVertices(), 100 * untimed / sum(layers)));
        md.append("| layer | fit | fit error (rms / max) |\n|---|---|---:|\n");
        for (LayerLatencyFit f : model.fits()) {
            double[] c = f.coefficients();
            md.append(String.format(Locale.ROOT, "| %s | %.2f + %.2f x + %.2f y + %.2f xy ms | %.1f %% / %.1f %% |%n",
                    f.layer(), 1e3 * c[0], 1e3 * c[1], 1e3 * c[2], 1e3 * c[3], 100 * f.rmsError(), 100 * f.maxError()));
        }
        return md.append("\n| target (pruned to) | method | set to | predicted latency | measured (sum of layers) "
                + "| measured (`output(x)`) | speed-up realized (requested) | FLOPs fraction | test accuracy | kept |\n"
                + "|---|---|---:|---:|---:|---:|---:|---:|---:|---|\n").toString();
    }

    private String measure(List<Pruned> runs, BenchModel base, LatencyModel model, FlopsCostModel flops, INDArray x,
                           NetworkLatency timer, DataSetIterator testIt, double target, double prunedTo, double baseAcc)
            throws IOException {
        // The original and the pruned networks timed alternately, ROUNDS rounds after a discarded warm-up round;
        // each round times a fresh copy of every network (new weight buffers) and starts at a different network.
        // Kept: per layer the fastest round's median, and the fastest round of output(x). Why the fastest, not the
        // median of the rounds: on these shared virtual machines the thread's CPU time of whole stretches of a few
        // seconds runs 2-3.5x slow (other processes' memory traffic, the host taking the core; bench-results/experiments/
        // latency-vgg-bn-timing-rounds-median.log), long enough to spoil a layer's every repetition in a round and
        // sometimes two rounds of one network; such interference only ever adds time.
        int n = runs.size() + 1;
        List<Map<String, Double>> layers = new ArrayList<>();
        double[] whole = new double[n];
        for (int i = 0; i < n; i++) {
            layers.add(new LinkedHashMap<>());
            whole[i] = Double.POSITIVE_INFINITY;
        }
        for (int r = -1; r < ROUNDS; r++) {
            for (int k = 0; k < n; k++) {
                int i = Math.floorMod(r + k, n);
                BenchModel net = (i == 0 ? base : runs.get(i - 1).net()).freshCopy();
                Map<String, Double> perLayer = net.layerMicros(timer, x);
                double w = net.wholeMicros(timer, x);
                log.info("timing round {} {}: layers {} us, output(x) {} us", r, i == 0 ? "original"
                        : runs.get(i - 1).method(), Math.round(sum(perLayer)), Math.round(w));
                if (r >= 0) {
                    perLayer.forEach((layer, micros) -> layers.get(i).merge(layer, micros, Math::min));
                    whole[i] = Math.min(whole[i], w);
                }
            }
        }
        StringBuilder md = new StringBuilder();
        for (int i = 0; i < runs.size(); i++) {
            Pruned p = runs.get(i);
            double measured = sum(layers.get(i + 1)) / sum(layers.get(0));
            double output = whole[i + 1] / whole[0];
            double acc = p.net().accuracy(testIt);
            double flopsFraction = flops.hardFraction(p.kept());
            double predicted = model.hardFraction(p.kept());
            String row = String.format(Locale.ROOT, "%s,%d,%d,%.2f,%.4f,%.2f,%s,%.4f,%.4f,%.4f,%.4f,%.3f,%.3f,%.4f,%.4f,"
                            + "%.4f,%d,%s,%.2f,%.2f,%.4f,%.1f%n", kind, settings.batch(), model.threads(), target,
                    model.minimumFraction(), prunedTo, p.method().replace(", ", "-"), p.setTo(), predicted, measured, output, 1 / prunedTo,
                    1 / measured, flopsFraction, acc, baseAcc, 1 + settings.pruneEpochs(),
                    p.kept().toString().replace(",", ";"), sum(layers.get(0)) / 1e3, sum(layers.get(i + 1)) / 1e3,
                    model.worstFitError(), model.measuringSeconds());
            Files.writeString(csv, row, StandardOpenOption.APPEND);
            log.info("LATENCY ROW {}", row.strip());
            md.append(String.format(Locale.ROOT, "| %.2f (%.2f) | %s | %.3f | %.3f | %.3f | %.3f | %.2fx (%.2fx) | %.3f | %.3f "
                            + "| %s |%n", target, prunedTo, p.method(), p.setTo(), predicted, measured, output,
                    1 / measured, 1 / prunedTo, flopsFraction, acc, p.kept()));
        }
        return md.toString();
    }

    private static double sum(Map<String, Double> m) {
        return m.values().stream().mapToDouble(Double::doubleValue).sum();
    }
}

package dev.autoprune.bench;

import dev.autoprune.AutoPrune;
import dev.autoprune.ChannelPruner;
import dev.autoprune.cost.LatencyModel;
import dev.autoprune.cost.LayerLatencyFit;
import dev.autoprune.examples.data.BatchOptions;
import dev.autoprune.examples.data.FashionMnist;
import dev.autoprune.examples.data.FashionMnistLocator;
import dev.autoprune.examples.data.LabeledImages;
import dev.autoprune.flops.FlopsCounter;
import dev.autoprune.listener.AutoPruneListener;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

/**
 * Pruning to a measured latency budget: per network, a {@code LatencyModel} measured at the batch size
 * (its fit error, floor and measuring time), then AutoPrune with the latency model at each target (the
 * floor plus a margin where the target is below it), the network compacted, and the latency of the
 * original and the compacted network measured in the same run (each layer on its own, the sum of layers,
 * as the model predicts it, and {@code output(x)}): measured latency fraction against the target,
 * realized speed-up against the requested one, the kept widths and the accuracy. Appends the raw rows to
 * {@code bench-results/latency.csv} as they are measured and writes section {@code latency} of
 * BENCHMARKS.md.
 */
@Command(name = "latency", mixinStandardHelpOptions = true,
        description = "Prune to latency targets and measure the compacted networks; writes BENCHMARKS.md.")
public final class LatencyBenchmark implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(LatencyBenchmark.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--nets", split = ",", description = "LENET, VGG_BN (default: LENET).")
    List<BenchNets.Net> nets = List.of(BenchNets.Net.LENET);

    @Option(names = "--targets", split = ",", description = "Latency fractions (default 0.5,0.3).")
    List<Double> targets = List.of(0.5, 0.3);

    @Option(names = "--batch", description = "Batch size of the latency model and of the timing (default ${DEFAULT-VALUE}).")
    int batch = 64;

    @Option(names = "--reps", description = "Timed repetitions per layer, after as many warm-up ones (default ${DEFAULT-VALUE}).")
    int reps = 50;

    @Option(names = "--train-limit", description = "Training images used (default ${DEFAULT-VALUE}; the last 1000 held out for the ratio steps).")
    int trainLimit = 10000;

    @Option(names = "--search-epochs", description = "Most epochs of the ratio search; it stops earlier at the target (default ${DEFAULT-VALUE}).")
    int searchEpochs = 3;

    @Option(names = "--data", description = "Directory with the Fashion-MNIST IDX .gz files (default: Debian's, the cache, or a download).")
    Path data;

    @Option(names = "--markdown", description = "File to write the table to (default ${DEFAULT-VALUE}).")
    Path markdown = Path.of("BENCHMARKS.md");

    @Option(names = "--section", description = "BENCHMARKS.md section (default: latency, or latency-bN at batch N != 64).")
    String section;

    /** Entry point. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new LatencyBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (batch < 1 || reps < 1 || searchEpochs < 1 || trainLimit < 2000) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--batch, --reps, --search-epochs must be >= 1 and --train-limit >= 2000");
        }
        Path dir = FashionMnistLocator.builder().directory(data).build().locate();
        LabeledImages all = FashionMnist.load(dir, FashionMnist.Split.TRAIN);
        LabeledImages test = FashionMnist.load(dir, FashionMnist.Split.TEST);
        int n = Math.min(trainLimit, all.size());
        LabeledImages train = all.select(IntStream.range(0, n - 1000).toArray());
        LabeledImages val = all.select(IntStream.range(n - 1000, n).toArray());
        Path csv = Path.of("bench-results", "latency.csv");
        Files.createDirectories(csv.getParent());
        if (!Files.exists(csv)) {
            Files.writeString(csv, "net,batch,threads,target,floor,pruned_to,predicted,measured_layers,measured_output,"
                    + "requested_speedup,realized_speedup,flops_fraction,accuracy,baseline_accuracy,kept,fit_error_worst,"
                    + "measuring_s,ms_before_layers,ms_after_layers\n");
        }
        StringBuilder md = new StringBuilder("### Pruning to a measured latency target\n\n");
        md.append(String.format(Locale.ROOT, "Command: `bash bench/run-latency.sh --nets %s --targets %s --batch %d "
                        + "--reps %d --train-limit %d --search-epochs %d`. %s Each network trained 1 epoch on %d Fashion-MNIST images, made "
                        + "prunable, its latency model measured at batch %d, then AutoPrune with that model (at most %d search "
                        + "epochs, 1 fine-tune) at each target, the network compacted and timed in the same run as the original "
                        + "(each layer on its own on real activations, median of %d after %d warm-up runs; `output(x)` whole).%n",
                String.join(",", nets.stream().map(Enum::name).toList()),
                String.join(",", targets.stream().map(String::valueOf).toList()), batch, reps, trainLimit, searchEpochs,
                MarkdownSection.machine(), n - 1000, batch, searchEpochs, reps, reps));
        for (BenchNets.Net kind : nets) {
            md.append(runNet(kind, train, val, test, csv));
        }
        MarkdownSection.write(markdown, section != null ? section : batch == 64 ? "latency" : "latency-b" + batch,
                md.toString());
        System.out.println(md);
        return 0;
    }

    private String runNet(BenchNets.Net kind, LabeledImages train, LabeledImages val, LabeledImages test, Path csv)
            throws IOException {
        MultiLayerNetwork base = new MultiLayerNetwork(kind.conf(1, 1e-3));
        base.init();
        DataSetIterator trainIt = train.iterator(BatchOptions.builder().batchSize(64).shuffle(1).build());
        base.fit(trainIt);
        DataSetIterator testIt = test.iterator(BatchOptions.of(256));
        double baseAcc = base.evaluate(testIt).accuracy();
        MultiLayerNetwork probe = AutoPrune.prunable(base);
        LatencyModel model = LatencyModel.builder(batch)
                .cache(Path.of("bench-results", "latency-model-" + kind.name().toLowerCase(Locale.ROOT) + "-b" + batch
                        + ".properties"))
                .measure(probe);
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT, "%n**%s, batch %d**: latency model measured in "
                        + "%.1f s, worst per-layer fit error %.1f %% (rms over its grid), floor %.3f (every group at its "
                        + "minChannels).%n%n", kind, batch, model.measuringSeconds(), 100 * model.worstFitError(),
                model.minimumFraction()));
        md.append("| layer | fit | fit error (rms / max) |\n|---|---|---:|\n");
        for (LayerLatencyFit f : model.fits()) {
            double[] c = f.coefficients();
            md.append(String.format(Locale.ROOT, "| %s | %.2f + %.2f x + %.2f y + %.2f xy ms | %.1f %% / %.1f %% |%n",
                    f.layer(), 1e3 * c[0], 1e3 * c[1], 1e3 * c[2], 1e3 * c[3], 100 * f.rmsError(), 100 * f.maxError()));
        }
        md.append("\n| target | pruned to | predicted | measured (sum of layers) | measured (`output(x)`) | requested "
                + "speed-up | realized speed-up | FLOPs fraction | accuracy (baseline) | kept |\n"
                + "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        INDArray x = test.iterator(BatchOptions.of(batch)).next().getFeatures();
        NetworkLatency timer = new NetworkLatency(reps);
        for (double target : targets) {
            double prunedTo = Math.max(target, Math.ceil((model.minimumFraction() + 0.02) * 100) / 100);
            MultiLayerNetwork prunable = AutoPrune.prunable(base);
            AutoPruneListener pruner = AutoPruneListener.builder().costModel(model).target(prunedTo).warmupEpochs(0)
                    .maxSearchEpochs(searchEpochs).fineTuneEpochs(1)
                    .validationData(val.iterator(BatchOptions.builder().batchSize(64).shuffle(2).build())).build();
            prunable.addListeners(pruner);
            trainIt.reset();
            int used = 0;
            while (!pruner.isDone() && used < searchEpochs + 1) {
                trainIt.reset();
                prunable.fit(trainIt);
                used++;
            }
            Map<String, Integer> kept = pruner.keptChannels();
            double predicted = model.hardFraction(kept);
            MultiLayerNetwork compact = ChannelPruner.compact(prunable);
            // Original and compacted timed alternately, three rounds each; the medians of the rounds are kept.
            double[] before = new double[3];
            double[] after = new double[3];
            double[] wholeBefore = new double[3];
            double[] wholeAfter = new double[3];
            for (int r = 0; r < 3; r++) {
                before[r] = sum(timer.layerMicros(base, x));
                after[r] = sum(timer.layerMicros(compact, x));
                wholeBefore[r] = timer.wholeMicros(base, x);
                wholeAfter[r] = timer.wholeMicros(compact, x);
            }
            double layersFraction = median(after) / median(before);
            double wholeFraction = median(wholeAfter) / median(wholeBefore);
            testIt.reset();
            double acc = compact.evaluate(testIt).accuracy();
            double flops = (double) FlopsCounter.of(compact).totalFlops() / FlopsCounter.of(base).totalFlops();
            String keptText = kept.toString().replace(",", ";");
            String row = String.format(Locale.ROOT, "%s,%d,%d,%.2f,%.4f,%.2f,%.4f,%.4f,%.4f,%.3f,%.3f,%.4f,%.4f,%.4f,%s,%.4f,%.1f,%.2f,%.2f%n",
                    kind, batch, model.threads(), target, model.minimumFraction(), prunedTo, predicted, layersFraction,
                    wholeFraction, 1 / prunedTo, 1 / layersFraction, flops, acc, baseAcc, keptText, model.worstFitError(),
                    model.measuringSeconds(), median(before) / 1e3, median(after) / 1e3);
            Files.writeString(csv, row, StandardOpenOption.APPEND);
            log.info("LATENCY ROW {}", row.strip());
            md.append(String.format(Locale.ROOT, "| %.2f | %.2f | %.3f | %.3f | %.3f | %.2fx | %.2fx | %.3f | %.3f (%.3f) | %s |%n",
                    target, prunedTo, predicted, layersFraction, wholeFraction, 1 / prunedTo, 1 / layersFraction, flops,
                    acc, baseAcc, kept));
        }
        return md.toString();
    }

    private static double sum(Map<String, Double> m) {
        return m.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return s[s.length / 2];
    }
}

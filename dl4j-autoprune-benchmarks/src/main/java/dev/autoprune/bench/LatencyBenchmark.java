package dev.autoprune.bench;

import dev.autoprune.cost.TimerClock;
import dev.autoprune.examples.data.FashionMnist;
import dev.autoprune.examples.data.FashionMnistLocator;
import dev.autoprune.examples.data.LabeledImages;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

/**
 * Pruning to a measured latency budget, compared at equal latency: per network (a {@link LatencyNets}:
 * MultiLayerNetworks and a residual ComputationGraph), a {@code LatencyModel} measured at the batch size
 * (its fit error, floor and measuring time), then at each target (the floor plus a margin where the target
 * is below it) AutoPrune with the latency model, AutoPrune with FLOPs and uniform L1 set to the same
 * predicted latency ({@link LatencyComparison}), each compacted and timed in the same run as the original
 * (each layer on its own, the sum of layers as the model predicts it, and {@code output(x)}): measured
 * latency fraction against the target, realized speed-up against the requested one, test accuracy after
 * the same epochs and the kept widths. Appends the raw rows to {@code bench-results/SECTION.csv} as they
 * are measured and writes section SECTION of BENCHMARKS.md.
 */
@Command(name = "latency", mixinStandardHelpOptions = true,
        description = "Prune to latency targets, compare with FLOPs-targeted AutoPrune and uniform L1 at equal "
                + "latency, and measure the compacted networks; writes BENCHMARKS.md.")
public final class LatencyBenchmark implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--nets", split = ",", description = "LENET, VGG_BN, RESIDUAL (default: LENET).")
    List<LatencyNets> nets = List.of(LatencyNets.LENET);

    @Option(names = "--targets", split = ",", description = "Latency fractions (default 0.5,0.3).")
    List<Double> targets = List.of(0.5, 0.3);

    @Option(names = "--batch", description = "Batch size of the latency model and of the timing (default ${DEFAULT-VALUE}).")
    int batch = 64;

    @Option(names = "--reps", description = "Timed repetitions per layer, after as many warm-up ones (default ${DEFAULT-VALUE}).")
    int reps = 30;

    @Option(names = "--sweeps", description = "Sweeps over the latency model's grid (default ${DEFAULT-VALUE}).")
    int sweeps = 3;

    @Option(names = "--train-limit", description = "Training images used (default ${DEFAULT-VALUE}; the last 1000 held out for the ratio steps).")
    int trainLimit = 10000;

    @Option(names = "--test-limit", description = "Test images the accuracy is measured on (default ${DEFAULT-VALUE}, all).")
    int testLimit = 10000;

    @Option(names = "--search-epochs", description = "Most epochs of the ratio search; every method gets this plus one (default ${DEFAULT-VALUE}).")
    int searchEpochs = 1;

    @Option(names = "--ratio-lr", description = "Learning rate of the ratio steps' Adam (default ${DEFAULT-VALUE}, the listener's 0.05 unless set).")
    double ratioLr = 0.05;

    @Option(names = "--clock", description = "WALL or THREAD_CPU (the thread's CPU time, one thread only: leaves out "
            + "the time other processes hold the cores; default ${DEFAULT-VALUE}).")
    TimerClock clock = TimerClock.WALL;

    @Option(names = "--data", description = "Directory with the Fashion-MNIST IDX .gz files (default: Debian's, the cache, or a download).")
    Path data;

    @Option(names = "--markdown", description = "File to write the table to (default ${DEFAULT-VALUE}).")
    Path markdown = Path.of("BENCHMARKS.md");

    @Option(names = "--section", description = "BENCHMARKS.md section and CSV name (default: latency-NETS, -bN at batch N != 64).")
    String section;

    /** Entry point. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new LatencyBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (!(ratioLr > 0) || batch < 1 || reps < 1 || sweeps < 1 || searchEpochs < 1 || trainLimit < 2000 || testLimit < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--ratio-lr must be > 0, --batch, --reps, --sweeps, --search-epochs, --test-limit >= 1 and --train-limit >= 2000");
        }
        String name = section != null ? section : "latency-" + String.join("-", nets.stream()
                .map(n -> n.name().toLowerCase(Locale.ROOT).replace('_', '-')).toList()) + (batch == 64 ? "" : "-b" + batch);
        long t0 = System.nanoTime();
        Path dir = FashionMnistLocator.builder().directory(data).build().locate();
        LabeledImages all = FashionMnist.load(dir, FashionMnist.Split.TRAIN);
        int n = Math.min(trainLimit, all.size());
        LatencyComparison.Data split = new LatencyComparison.Data(all.select(IntStream.range(0, n - 1000).toArray()),
                all.select(IntStream.range(n - 1000, n).toArray()), FashionMnist.load(dir, FashionMnist.Split.TEST).first(testLimit));
        Path csv = Path.of("bench-results", name + ".csv");
        Files.createDirectories(csv.getParent());
        if (!Files.exists(csv)) {
            Files.writeString(csv, LatencyComparison.CSV_HEADER);
        }
        LatencyComparison.Settings settings = new LatencyComparison.Settings(batch, reps, searchEpochs, sweeps,
                ratioLr, clock, csv.getParent());
        StringBuilder md = new StringBuilder();
        for (LatencyNets kind : nets) {
            String done = md.toString();
            md.append(new LatencyComparison(kind, settings, split, csv).run(targets, partial -> {
                try {
                    MarkdownSection.write(markdown, name, head(csv, n, split.test().size(), t0) + done + partial);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }));
        }
        String text = head(csv, n, split.test().size(), t0) + md;
        MarkdownSection.write(markdown, name, text);
        System.out.println(text);
        return 0;
    }

    private String head(Path csv, int n, int tests, long t0) {
        return String.format(Locale.ROOT, "### Pruning to a measured latency target, compared at equal latency%n%n"
                        + "Command: `bash bench/run-latency.sh --nets %s --targets %s --batch %d --reps %d --sweeps %d "
                        + "--train-limit %d --test-limit %d --search-epochs %d --ratio-lr %s --clock %s`. %s Raw rows: `%s`. Each network trained 1 epoch on %d "
                        + "Fashion-MNIST training images (seed 1; the next 1000 held out for the ratio steps), made prunable, "
                        + "its latency model measured at batch %d; then per target, from that baseline and with %d more "
                        + "epochs each: AutoPrune with the latency model (at most %d search epochs, then fine-tuning; ratio steps of both AutoPrune runs "
                        + "by Adam(%s)), "
                        + "AutoPrune with FLOPs at the FLOPs fraction of the uniform widths the latency model puts at the "
                        + "latency run's predicted latency, and uniform L1 at those uniform widths (\"set to\": the "
                        + "latency target, the FLOPs target, the uniform widths' predicted latency). The original and the "
                        + "three compacted networks are timed alternately in %d rounds after one discarded warm-up round in the same run, each round on fresh copies of the networks (new weight buffers) starting at a different network (each layer or "
                        + "graph vertex on its own on real activations, median of %d after %d warm-up runs; `output(x)` "
                        + "whole; per layer, and for `output(x)`, the fastest of the rounds, because interference only adds time; clock: %s, as the latency model's): what else ran on the machine meanwhile is said in BENCHMARKS.md's summary; "
                        + "absolute times drift between rows and only the fractions within "
                        + "a row are comparable. Test accuracy on the first %d test images. Run time so far %.0f s.%n",
                String.join(",", nets.stream().map(Enum::name).toList()),
                String.join(",", targets.stream().map(String::valueOf).toList()), batch, reps, sweeps, trainLimit,
                testLimit, searchEpochs, ratioLr, clock, MarkdownSection.machine(), csv, n - 1000, batch, searchEpochs + 1, searchEpochs, ratioLr, 5,
                reps, reps, clock == TimerClock.WALL ? "wall time" : "the thread's CPU time, which leaves out the time "
                        + "other processes of this machine hold the cores, though not the time its virtual machine's host takes them", tests, (System.nanoTime() - t0) / 1e9);
    }
}

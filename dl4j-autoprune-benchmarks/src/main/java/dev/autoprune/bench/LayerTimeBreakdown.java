package dev.autoprune.bench;

import dev.autoprune.flops.FlopsCounter;
import dev.autoprune.flops.LayerCost;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * Where inference time goes, layer by layer: the original network against its compacted version at a
 * FLOPs target, each layer's forward pass timed on its own (median of many repetitions) next to its
 * FLOPs. It explains why the realized speed-up of a compacted network falls short of its FLOPs
 * speed-up: layers whose time does not shrink with their channels (pooling, activations, the output
 * layer, per-op overhead) keep their cost while the convolutions shrink. Writes section
 * {@code inference-breakdown} of BENCHMARKS.md ({@code inference-breakdown-bN} for batch sizes other than 64).
 */
@Command(name = "layer-times", mixinStandardHelpOptions = true,
        description = "Per-layer forward time of original vs compacted networks; writes BENCHMARKS.md.")
public final class LayerTimeBreakdown implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--nets", split = ",", description = "LENET, VGG_BN (default: both).")
    List<BenchNets.Net> nets = List.of(BenchNets.Net.LENET, BenchNets.Net.VGG_BN);

    @Option(names = "--target", description = "FLOPs fraction of the compacted network (default ${DEFAULT-VALUE}).")
    double target = 0.1;

    @Option(names = "--batch", description = "Batch size (default ${DEFAULT-VALUE}).")
    int batch = 64;

    @Option(names = "--reps", description = "Timed repetitions per layer, after as many warm-up ones (default ${DEFAULT-VALUE}).")
    int reps = 100;

    @Option(names = "--markdown", description = "File to write the tables to (default ${DEFAULT-VALUE}).")
    Path markdown = Path.of("BENCHMARKS.md");

    /** Entry point. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new LayerTimeBreakdown()).execute(args));
    }

    /** One layer's cost: FLOPs and median forward time. */
    record LayerTime(String name, String type, long flops, double micros) {
    }

    @Override
    public Integer call() throws Exception {
        if (batch < 1 || reps < 1 || !(target > 0 && target < 1)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--batch and --reps must be >= 1 and --target in (0, 1)");
        }
        StringBuilder md = new StringBuilder("### Inference time by layer: original vs compacted\n\n");
        md.append(String.format(Locale.ROOT, "Command: `bash bench/run-layer-times.sh --target %s --batch %d --reps %d`. %s "
                        + "Each layer's forward pass (its input preprocessor included) timed on its own, median of %d "
                        + "repetitions after %d warm-up ones, no workspaces; `output(x)` is the whole network as users call it. "
                        + "The compacted networks come from uniform L1 pruning at the target.%n",
                target, batch, reps, MarkdownSection.machine(), reps, reps));
        for (BenchNets.Net kind : nets) {
            MultiLayerNetwork original = new MultiLayerNetwork(kind.conf(42, 1e-3));
            original.init();
            MultiLayerNetwork compact = UniformL1Pruning.prune(BenchModel.of(original), target).network().multiLayer();
            INDArray x = TrainingStepBenchmark.randomBatch(batch, 3).getFeatures();
            List<LayerTime> before = time(original, x);
            List<LayerTime> after = time(compact, x);
            NetworkLatency latency = new NetworkLatency(reps);
            double wholeBefore = latency.wholeMicros(original, x);
            double wholeAfter = latency.wholeMicros(compact, x);
            md.append(table(kind, before, after, wholeBefore, wholeAfter));
        }
        // One section per batch size, so the batch-1 and batch-64 breakdowns can stand side by side.
        MarkdownSection.write(markdown, batch == 64 ? "inference-breakdown" : "inference-breakdown-b" + batch, md.toString());
        System.out.println(md);
        return 0;
    }

    private String table(BenchNets.Net kind, List<LayerTime> before, List<LayerTime> after, double wholeBefore,
                         double wholeAfter) {
        StringBuilder md = new StringBuilder();
        long flopsBefore = before.stream().mapToLong(LayerTime::flops).sum();
        long flopsAfter = after.stream().mapToLong(LayerTime::flops).sum();
        double sumBefore = before.stream().mapToDouble(LayerTime::micros).sum();
        double sumAfter = after.stream().mapToDouble(LayerTime::micros).sum();
        md.append(String.format(Locale.ROOT, "%n**%s, batch %d, target %.1f** (hard FLOPs %.3f):%n%n", kind, batch, target,
                (double) flopsAfter / flopsBefore));
        md.append("| layer | type | MFLOPs | µs | share of time | MFLOPs compacted | µs compacted | share of time | time ratio |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (int i = 0; i < before.size(); i++) {
            LayerTime b = before.get(i);
            LayerTime a = after.get(i);
            md.append(String.format(Locale.ROOT, "| %s | %s | %.2f | %.0f | %.0f %% | %.2f | %.0f | %.0f %% | %.2f |%n",
                    b.name(), b.type(), b.flops() / 1e6, b.micros(), 100 * b.micros() / sumBefore, a.flops() / 1e6,
                    a.micros(), 100 * a.micros() / sumAfter, a.micros() / b.micros()));
        }
        md.append(String.format(Locale.ROOT, "| **sum of layers** | | %.2f | %.0f | | %.2f | %.0f | | %.2f |%n",
                flopsBefore / 1e6, sumBefore, flopsAfter / 1e6, sumAfter, sumAfter / sumBefore));
        md.append(String.format(Locale.ROOT, "| **`output(x)`** | | | %.0f | | | %.0f | | %.2f |%n", wholeBefore, wholeAfter,
                wholeAfter / wholeBefore));
        md.append(String.format(Locale.ROOT, "%nFLOPs speed-up %.2fx, realized %.2fx (%.2f of it).%n",
                (double) flopsBefore / flopsAfter, wholeBefore / wholeAfter,
                (wholeBefore / wholeAfter) / ((double) flopsBefore / flopsAfter)));
        return md.toString();
    }

    /** Times every layer of {@code net} on the activations the layers before it produce for {@code x}. */
    private List<LayerTime> time(MultiLayerNetwork net, INDArray x) {
        FlopsCounter counter = FlopsCounter.of(net);
        List<LayerTime> times = new ArrayList<>();
        new NetworkLatency(reps).layerMicros(net, x).forEach((name, micros) -> {
            LayerCost cost = counter.layer(name);
            times.add(new LayerTime(name, cost.type(), cost.flops() * batch, micros));
        });
        return times;
    }
}

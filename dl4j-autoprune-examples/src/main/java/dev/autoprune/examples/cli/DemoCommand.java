package dev.autoprune.examples.cli;

import dev.autoprune.AutoPrune;
import dev.autoprune.examples.LeNet;
import dev.autoprune.examples.data.BatchOptions;
import dev.autoprune.examples.data.EmbeddedFashionMnist;
import dev.autoprune.examples.data.FashionMnist;
import dev.autoprune.examples.data.LabeledImages;
import dev.autoprune.examples.plot.SearchPlots;
import dev.autoprune.cost.LatencyModel;
import dev.autoprune.listener.AutoPruneListener;
import dev.autoprune.report.PruningReport;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;

/**
 * {@code autoprune demo}: the whole method on the embedded Fashion-MNIST subset in a few minutes.
 * Trains a LeNet-style baseline, makes it prunable, prunes it to the FLOPs target with the listener
 * (ratio steps on held-out training images), fine-tunes, compacts, trains a copy of the baseline
 * unpruned for the same number of epochs (the same-epoch control), and prints accuracy, FLOPs,
 * parameters, per-layer channels and measured latency of all three, the pruned network against the
 * control. Writes both models, the
 * pruning report and the search plots to the output folder.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a LeNet-style CNN on the embedded Fashion-MNIST subset, prune it to a FLOPs target, "
                + "fine-tune, compact, and print the before/after table.",
                "Writes baseline.zip, pruned.zip, report.{txt,json,csv}, ratios.png and flops.png to --out."})
public final class DemoCommand implements Callable<Integer> {

    /** Images per batch used for the latency measurement. */
    static final int LATENCY_BATCH = 64;

    @Spec
    private CommandLine.Model.CommandSpec spec;

    /**
     * The demo's search is short: a stronger penalty and an earlier stop than the listener's defaults, and
     * at least 90 iterations also on fewer images (fewer than the 96 of its default run, 3 epochs of 32
     * minibatches, which it therefore leaves unchanged).
     */
    @Mixin
    private SearchOptions search = SearchOptions.withDefaults(8.0, 10, 90);

    @Mixin
    private LatencyOptions latencyOptions;

    /** Six epochs on 2,000 images: the baseline is trained out (four more epochs add about 1 pt), not flattered. */
    @Option(names = "--baseline-epochs", paramLabel = "N", defaultValue = "6",
            description = "Epochs of baseline training (default: ${DEFAULT-VALUE}).")
    private int baselineEpochs;

    @Option(names = "--search-epochs", paramLabel = "N", defaultValue = "3",
            description = "Most epochs of the ratio search; it stops earlier once the target is met "
                    + "(default: ${DEFAULT-VALUE}).")
    private int searchEpochs;

    @Option(names = "--train-examples", paramLabel = "N", defaultValue = "2000",
            description = "Training images taken from the embedded 6,000 (default: ${DEFAULT-VALUE}).")
    private int trainExamples;

    @Option(names = "--validation-examples", paramLabel = "N", defaultValue = "500",
            description = "Held-out training images for the ratio steps (default: ${DEFAULT-VALUE}).")
    private int validationExamples;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "autoprune-demo",
            description = "Output folder (default: ${DEFAULT-VALUE}).")
    private Path out;

    @Mixin
    private CommonOptions common;

    @Override
    public Integer call() throws IOException {
        validate();
        OutputLocation.checkDirectory(out, "--out");
        PrintWriter o = spec.commandLine().getOut();
        long start = System.nanoTime();
        LabeledImages all = EmbeddedFashionMnist.load(FashionMnist.Split.TRAIN);
        int[] order = permutation(all.size(), search.seed);
        DataSetIterator train = all.select(java.util.Arrays.copyOfRange(order, 0, trainExamples))
                .iterator(BatchOptions.builder().batchSize(search.batch).shuffle(search.seed).build());
        DataSetIterator validation = all.select(java.util.Arrays.copyOfRange(order, trainExamples,
                trainExamples + validationExamples)).iterator(BatchOptions.builder().batchSize(search.batch)
                .shuffle(search.seed + 1).build());
        DataSetIterator test = EmbeddedFashionMnist.test(250);
        o.printf(Locale.ROOT, "AutoPrune demo: LeNet-style CNN, embedded Fashion-MNIST subset (%d train, %d held-out, "
                + "%d test images), %s target %.2f%n", trainExamples, validationExamples, 1000,
                latencyOptions.enabled() ? "latency" : "FLOPs",
                latencyOptions.enabled() ? latencyOptions.targetLatency : search.target);

        MultiLayerNetwork baseline = LeNet.demo(search.seed);
        baseline.addListeners(new EpochProgress(o, "baseline", null, baselineEpochs));
        for (int e = 0; e < baselineEpochs; e++) {
            baseline.fit(train);
        }
        baseline.setListeners();

        MultiLayerNetwork prunable = AutoPrune.prunable(baseline);
        LatencyModel latencyModel = latencyOptions.enabled() ? latencyOptions.measure(prunable, o) : null;
        AutoPruneListener pruner = latencyModel == null ? search.listener().validationData(validation).build()
                : latencyOptions.apply(search.listener().validationData(validation), latencyModel, spec.commandLine());
        int epochs = PruningRun.run(prunable, pruner, train, o);
        InputType[] types = Networks.inputTypes(prunable, null); // recorded by prunable
        Model compacted = Networks.compact(prunable, types);

        // The same-epoch control: the baseline trained on, unpruned, for as many epochs as the pruned net.
        MultiLayerNetwork control = baseline.clone();
        control.addListeners(new EpochProgress(o, "control", null, epochs));
        for (int e = 0; e < epochs; e++) {
            control.fit(train);
        }
        control.setListeners();

        NetworkSummary before = NetworkSummary.of(baseline, test, types);
        NetworkSummary same = NetworkSummary.of(control, test, types);
        NetworkSummary after = NetworkSummary.of(compacted, test, types);
        test.reset();
        INDArray batch = test.next(LATENCY_BATCH).getFeatures();
        double[] latency = InferenceLatency.medianMillis(batch, 5, 30, baseline, compacted);
        before = before.withLatency(latency[0]);
        same = same.withLatency(latency[0]); // the same architecture as the baseline
        after = after.withLatency(latency[1]);

        o.println();
        o.print(BeforeAfterTable.withControl(before, same, after, epochs, LATENCY_BATCH));
        o.flush(); // the table is shown even when writing the files fails
        o.printf(Locale.ROOT, "(control: the baseline trained %d more epochs without pruning, as long as the pruned "
                + "network's search and fine-tuning; pruned/ctrl is the cost of pruning)%n", epochs);
        o.printf(Locale.ROOT, "channel membership changes during the search: %s%n", pruner.membershipChanges());
        String missed = TargetCheck.warning(pruner, "--search-epochs");
        if (missed != null) {
            o.println(missed); // part of the demo's story; prune exits with its own code instead
        }

        PruningReport report = latencyModel == null ? Networks.report(prunable, types)
                : Networks.report(prunable, types).withLatency(latencyModel);
        ModelFile.save(baseline, out.resolve("baseline.zip"));
        ModelFile.save(compacted, out.resolve("pruned.zip"));
        ReportFiles.write(report, out.resolve("report"));
        o.println();
        o.println("wrote " + out.resolve("baseline.zip") + ", " + out.resolve("pruned.zip") + ", "
                + out.resolve("report.{txt,json,csv}"));
        PlotFiles.write(pruner, out.resolve(SearchPlots.RATIOS_FILE), out.resolve(SearchPlots.FLOPS_FILE), o);
        o.printf(Locale.ROOT, "demo finished in %.1f s%n", (System.nanoTime() - start) / 1e9);
        return 0;
    }

    private void validate() {
        CommandLine cli = spec.commandLine();
        search.validate(cli, searchEpochs, "--search-epochs");
        latencyOptions.validate(cli);
        if (baselineEpochs < 1) {
            throw new CommandLine.ParameterException(cli, "--baseline-epochs must be >= 1, found " + baselineEpochs);
        }
        int available = EmbeddedFashionMnist.TRAIN_PER_CLASS * FashionMnist.NUM_CLASSES;
        if (trainExamples < 1 || validationExamples < 1 || trainExamples + validationExamples > available) {
            throw new CommandLine.ParameterException(cli, "--train-examples and --validation-examples must be >= 1 "
                    + "and add up to at most " + available + ", found " + trainExamples + " + " + validationExamples);
        }
    }

    private static int[] permutation(int n, long seed) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        Random r = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}

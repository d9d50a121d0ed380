package dev.autoprune.examples.cli;

import dev.autoprune.arbiter.report.SweepReport;
import dev.autoprune.examples.data.LabeledImagesIterator;
import dev.autoprune.examples.sweep.PruningSweep;
import dev.autoprune.examples.sweep.SweepData;
import dev.autoprune.examples.sweep.SweepSpaces;
import org.deeplearning4j.nn.conf.inputs.InputType;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Callable;

/**
 * {@code autoprune sweep}: a random search with Arbiter over a small prunable LeNet and the pruning
 * settings around a FLOPs budget ({@link SweepSpaces}), on the embedded Fashion-MNIST subset, full
 * Fashion-MNIST or an image folder. Each candidate trains with an {@code AutoPruneListener} until it is
 * done and is scored by its hard-masked test accuracy within the budget. Prints the table of candidates
 * and the best, and writes {@code sweep.csv} and {@code sweep.json} to {@code --out}.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Search pruning settings and LeNet widths with Arbiter (random search) for the best "
                + "hard-masked test accuracy within a FLOPs budget.",
                "Prints one line per candidate and the best; writes sweep.csv and sweep.json to --out."})
public final class SweepCommand implements Callable<Integer> {

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--candidates", paramLabel = "N", defaultValue = "4",
            description = "Candidates to draw and train (default: ${DEFAULT-VALUE}).")
    private int candidates;

    @Option(names = "--target", paramLabel = "FRACTION", defaultValue = "0.5",
            description = "FLOPs budget, in (0.05, 1): candidates draw their target below it, and one over it "
                    + "scores below every one within it (default: ${DEFAULT-VALUE}).")
    private double budget;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "2",
            description = "Most search epochs of each candidate, after one warm-up epoch (default: ${DEFAULT-VALUE}).")
    private int epochs;

    @Option(names = "--fine-tune-epochs", paramLabel = "N", defaultValue = "1",
            description = "Fine-tuning epochs of each candidate (default: ${DEFAULT-VALUE}).")
    private int fineTuneEpochs;

    @Option(names = "--train-examples", paramLabel = "N", defaultValue = "2000",
            description = "Fashion-MNIST training images for the weights (default: ${DEFAULT-VALUE}).")
    private int trainExamples;

    @Option(names = "--ratio-examples", paramLabel = "N", defaultValue = "500",
            description = "The next training images, held out for the ratio steps; 0: the training batches "
                    + "(default: ${DEFAULT-VALUE}; an --images folder always uses its training batches).")
    private int ratioExamples;

    @Option(names = "--test-examples", paramLabel = "N", defaultValue = "1000",
            description = "Fashion-MNIST test images that score the candidates (default: ${DEFAULT-VALUE}).")
    private int testExamples;

    @Mixin
    private DataOptions data;

    @Option(names = "--input-shape", paramLabel = "CxHxW", defaultValue = "1x28x28",
            description = "Image shape of --images (default: ${DEFAULT-VALUE}).")
    private String inputShape;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "64",
            description = "Minibatch size (default: ${DEFAULT-VALUE}).")
    private int batch;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "Seed of the random search and the shuffling (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "autoprune-sweep",
            description = "Output folder for sweep.csv and sweep.json (default: ${DEFAULT-VALUE}).")
    private Path out;

    @Mixin
    private CommonOptions common;

    @Override
    public Integer call() throws IOException {
        validate();
        OutputLocation.checkDirectory(out, "--out");
        InputType.InputTypeConvolutional shape = imageShape();
        DataOptions.Splits splits = data.open(batch, seed, data.images == null ? null : shape, 0);
        Properties properties = properties(splits, shape);
        int classes = (int) splits.train().totalOutcomes();
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "pruning sweep: %d candidates on %s, FLOPs budget %.2f; each candidate: 1 warm-up, "
                + "<= %d search and %d fine-tuning epochs%n", candidates, splits.description(), budget, epochs,
                fineTuneEpochs);
        o.flush();
        PruningSweep.Result result = PruningSweep.run(SweepSpaces.network(shape, classes),
                SweepSpaces.pruning(budget, epochs, fineTuneEpochs), properties, budget, candidates, seed);
        SweepReport report = result.report();
        o.println();
        o.print(report.table());
        o.printf(Locale.ROOT, "%d candidates in %.0f s%n", report.rows().size(), result.seconds());
        o.flush(); // the table is shown even when writing the files fails
        AtomicFiles.writeString(out.resolve("sweep.csv"), report.csv());
        AtomicFiles.writeString(out.resolve("sweep.json"), report.json());
        o.println("wrote " + out.resolve("sweep.csv") + ", " + out.resolve("sweep.json"));
        if (report.best().isEmpty()) {
            throw new IllegalStateException("no candidate completed; run with --verbose to see why each failed");
        }
        return 0;
    }

    private void validate() {
        CommandLine cli = spec.commandLine();
        check(cli, candidates >= 1, "--candidates must be >= 1, found " + candidates);
        check(cli, budget > 0.05 && budget < 1, "--target must be in (0.05, 1), found " + budget
                + " (e.g. --target 0.5 keeps half the FLOPs)");
        check(cli, epochs >= 1, "--epochs must be >= 1, found " + epochs);
        check(cli, fineTuneEpochs >= 0, "--fine-tune-epochs must be >= 0, found " + fineTuneEpochs);
        check(cli, trainExamples >= 1 && testExamples >= 1 && ratioExamples >= 0,
                "--train-examples and --test-examples must be >= 1 and --ratio-examples >= 0, found "
                        + trainExamples + ", " + testExamples + ", " + ratioExamples);
        check(cli, batch >= 1, "--batch must be >= 1, found " + batch);
    }

    private static void check(CommandLine cli, boolean ok, String message) {
        if (!ok) {
            throw new CommandLine.ParameterException(cli, message);
        }
    }

    private InputType.InputTypeConvolutional imageShape() {
        InputType type = InputShapes.parse(inputShape);
        if (!(type instanceof InputType.InputTypeConvolutional c)) {
            throw CliException.usage("--input-shape must be an image shape CxHxW, found " + inputShape);
        }
        return c;
    }

    /** The data source's properties; the training images are counted against what the source holds. */
    private Properties properties(DataOptions.Splits splits, InputType.InputTypeConvolutional shape) {
        Properties p = new Properties();
        p.setProperty("batchSize", Integer.toString(batch));
        p.setProperty("seed", Long.toString(seed));
        if (data.images != null) {
            p.setProperty(SweepData.SOURCE, SweepData.IMAGES);
            p.setProperty(SweepData.DIRECTORY, splits.folder().toString());
            p.setProperty("channels", Long.toString(shape.getChannels()));
            p.setProperty("height", Long.toString(shape.getHeight()));
            p.setProperty("width", Long.toString(shape.getWidth()));
            return p;
        }
        int available = ((LabeledImagesIterator) splits.train()).numExamples();
        if (trainExamples + ratioExamples > available) {
            throw CliException.usage("--train-examples + --ratio-examples must be at most " + available + " ("
                    + splits.description() + "), found " + trainExamples + " + " + ratioExamples);
        }
        p.setProperty(SweepData.SOURCE, splits.folder() == null ? SweepData.EMBEDDED : SweepData.FASHION_MNIST);
        if (splits.folder() != null) {
            p.setProperty(SweepData.DIRECTORY, splits.folder().toString());
        }
        p.setProperty("trainExamples", Integer.toString(trainExamples));
        p.setProperty("ratioExamples", Integer.toString(ratioExamples));
        p.setProperty("testExamples", Integer.toString(testExamples));
        return p;
    }
}

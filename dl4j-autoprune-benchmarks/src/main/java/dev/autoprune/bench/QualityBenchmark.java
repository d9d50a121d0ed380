package dev.autoprune.bench;

import dev.autoprune.examples.data.FashionMnist;
import dev.autoprune.examples.data.FashionMnistLocator;
import dev.autoprune.examples.data.LabeledImages;
import dev.autoprune.listener.AutoPruneListener;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

/**
 * Pruning quality on Fashion-MNIST: AutoPrune against the unpruned baseline, uniform L1 filter
 * pruning (Li et al., 2017) and global magnitude pruning (Fang et al., 2023) at the same hard FLOPs,
 * and two controls (the baseline trained on with a fresh optimiser; AutoPrune's architecture trained
 * from scratch), all with the same epoch budget, on LeNet, VGG-BN and a small ResNet (a ComputationGraph;
 * one seed's flow is {@link QualitySeedRun}). The rows record each method's kept widths per group.
 * The last {@code --holdout} training images are held out: AutoPrune's ratio steps use them (the
 * bi-level form) and nothing is tuned on the test set. Writes section {@code quality} (or
 * {@code quality-quick}) of BENCHMARKS.md and the raw rows to {@code bench-results/}.
 */
@Command(name = "quality", mixinStandardHelpOptions = true,
        description = "Pruning quality benchmark on Fashion-MNIST; writes BENCHMARKS.md.")
public final class QualityBenchmark implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private static final Logger log = LoggerFactory.getLogger(QualityBenchmark.class);

    @Option(names = "--quick", description = "LeNet only, 10k training images, 1 seed, targets 0.5 and 0.1, 1+2 epochs (minutes).")
    boolean quick;

    @Option(names = "--data", description = "Directory with the Fashion-MNIST IDX .gz files (default: Debian's, the cache, or a download).")
    Path data;

    @Option(names = "--nets", split = ",", description = "LENET, VGG_BN, RESNET (default: all three).")
    List<BenchNets.Net> nets;

    @Option(names = "--targets", split = ",", description = "Target FLOPs fractions (default: 0.5,0.3,0.1).")
    List<Double> targets;

    @Option(names = "--seeds", split = ",", description = "Seeds (default: 1,2,3).")
    List<Long> seeds;

    @Option(names = "--train-limit", description = "Use only the first N training images (0 = all 60000).")
    int trainLimit = -1;

    @Option(names = "--holdout", description = "Training images held out for the ratio steps (default 5000; 1000 in quick mode).")
    int holdout = -1;

    @Option(names = "--base-epochs", description = "Epochs of baseline training (default 1).")
    int baseEpochs = -1;

    @Option(names = "--prune-epochs", description = "Epochs every pruning method and control gets after the baseline (default 2: one search, one fine-tune).")
    int pruneEpochs = -1;

    @Option(names = "--lambda", description = "AutoPrune penalty weight (default ${DEFAULT-VALUE}).")
    double lambda = 2.0;

    @Option(names = "--ratio-updater", converter = SearchUpdater.Converter.class,
            description = "Updater of the ratio logits theta: adam, sgd or shared-adam (default adam).")
    SearchUpdater ratioUpdater = SearchUpdater.adam;

    @Option(names = "--ratio-lr", description = "Learning rate of the ratio updater (default ${DEFAULT-VALUE}).")
    double ratioLr = 0.05;

    @Option(names = "--score-updater", converter = SearchUpdater.Converter.class,
            description = "Updater of the channel scores: adam, sgd or shared-adam (default adam).")
    SearchUpdater scoreUpdater = SearchUpdater.adam;

    @Option(names = "--score-lr", description = "Learning rate of the score updater (default ${DEFAULT-VALUE}).")
    double scoreLr = 0.05;

    @Option(names = "--eval-on", description = "Where accuracy is measured: test (the 10,000 test images) or selection "
            + "(training images 55000-59999, used neither for training nor held out; needs --train-limit <= 50000), "
            + "for choosing methods without the test set (default ${DEFAULT-VALUE}).")
    EvalSet evalOn = EvalSet.test;

    /** Where accuracy is measured. */
    enum EvalSet { test, selection }

    /** The first training image of the selection set, and its size. */
    static final int SELECTION_START = 55000;
    static final int SELECTION_SIZE = 5000;

    @Option(names = "--patience", description = "AutoPrune's stopping rule: in-tolerance checks before the search "
            + "stops (default ${DEFAULT-VALUE}, the listener's default).")
    int patience = 20;

    @Option(names = "--autoprune-only", description = "Run only the baseline and AutoPrune (for method experiments); same as --methods AUTOPRUNE.")
    boolean autopruneOnly;

    @Option(names = "--methods", split = ",", description = "What runs besides the baseline: FRESH (the baseline trained on "
            + "with a fresh optimiser), AUTOPRUNE, L1 (uniform L1), GLOBAL (global magnitude), SCRATCH (default: these five); "
            + "CONTINUED (the baseline trained on with its own optimiser state, no restart; only when named). "
            + "L1, GLOBAL and SCRATCH need AUTOPRUNE, whose FLOPs and architecture they take. Lets one seed's cells be "
            + "split over two processes.")
    java.util.EnumSet<Method> methods;

    /** The methods besides the baseline. */
    enum Method { FRESH, AUTOPRUNE, L1, GLOBAL, SCRATCH, CONTINUED }

    @Option(names = "--batch", description = "Minibatch size (default ${DEFAULT-VALUE}).")
    int batch = 64;

    @Option(names = "--markdown", description = "File to write the tables to (default ${DEFAULT-VALUE}).")
    Path markdown = Path.of("BENCHMARKS.md");

    @Option(names = "--section", description = "BENCHMARKS.md section and CSV name (default: quality, or quality-quick with --quick).")
    String section;

    @Option(names = "--table-from", split = ",", description = "Only re-render the tables from CSVs this program wrote "
            + "(no training); several CSVs, e.g. from processes that ran different seeds, are merged in the order given.")
    List<Path> tableFrom;

    @Option(names = "--command", description = "The reproducing command to print in the table header (for tables "
            + "merged from parts, e.g. by bench/run-quality-parallel.sh; default: this program's own command line).")
    String reproducingCommand;

    /** The arguments this run was started with, for the reproducing command in the tables. */
    private String[] arguments = new String[0];

    /** Entry point. */
    public static void main(String[] args) {
        QualityBenchmark benchmark = new QualityBenchmark();
        benchmark.arguments = args.clone();
        System.exit(new CommandLine(benchmark).execute(args));
    }

    /** The command that reproduces this run (without the output and re-rendering options). */
    private String command() {
        if (reproducingCommand != null) {
            return reproducingCommand;
        }
        StringBuilder sb = new StringBuilder("bash bench/run-quality.sh");
        for (int i = 0; i < arguments.length; i++) {
            if (arguments[i].equals("--table-from") || arguments[i].equals("--markdown")
                    || arguments[i].equals("--section") || arguments[i].equals("--command")) {
                i++;
                continue;
            }
            sb.append(' ').append(arguments[i]);
        }
        return sb.toString();
    }

    @Override
    public Integer call() throws Exception {
        if (nets == null) {
            nets = quick ? List.of(BenchNets.Net.LENET) : List.of(BenchNets.Net.values());
        }
        if (targets == null) {
            targets = quick ? List.of(0.5, 0.1) : List.of(0.5, 0.3, 0.1);
        }
        if (seeds == null) {
            seeds = quick ? List.of(1L) : List.of(1L, 2L, 3L);
        }
        trainLimit = trainLimit >= 0 ? trainLimit : quick ? 10000 : 0;
        holdout = holdout >= 0 ? holdout : quick ? 1000 : 5000;
        // 1+2 epochs: what fits these 2-core machines for the full data (LeNet ~3.5 min per epoch).
        baseEpochs = baseEpochs > 0 ? baseEpochs : 1;
        pruneEpochs = pruneEpochs > 0 ? pruneEpochs : 2;
        if (methods == null) {
            methods = autopruneOnly ? java.util.EnumSet.of(Method.AUTOPRUNE) : java.util.EnumSet.range(Method.FRESH, Method.SCRATCH);
        }
        if ((methods.contains(Method.L1) || methods.contains(Method.GLOBAL) || methods.contains(Method.SCRATCH))
                && !methods.contains(Method.AUTOPRUNE)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--methods " + methods
                    + ": L1, GLOBAL and SCRATCH need AUTOPRUNE (they use its FLOPs and architecture)");
        }
        if (pruneEpochs < 2) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--prune-epochs must be >= 2 (search + fine-tune)");
        }

        if (tableFrom != null) {
            writeResults(QualityCsv.merge(tableFrom), Double.NaN);
            return 0;
        }
        if (evalOn == EvalSet.selection && (trainLimit <= 0 || trainLimit > SELECTION_START - SELECTION_SIZE)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--eval-on selection evaluates on training "
                    + "images " + SELECTION_START + "-" + (SELECTION_START + SELECTION_SIZE - 1)
                    + ", which training must not use: give --train-limit <= " + (SELECTION_START - SELECTION_SIZE)
                    + " (found " + (trainLimit <= 0 ? "all 60000" : trainLimit) + ")");
        }
        Path dir = FashionMnistLocator.builder().directory(data).build().locate();
        LabeledImages all = FashionMnist.load(dir, FashionMnist.Split.TRAIN);
        LabeledImages test = evalOn == EvalSet.selection
                ? all.select(IntStream.range(SELECTION_START, SELECTION_START + SELECTION_SIZE).toArray())
                : FashionMnist.load(dir, FashionMnist.Split.TEST);
        int n = trainLimit > 0 ? Math.min(trainLimit, all.size()) : all.size();
        LabeledImages train = all.select(IntStream.range(0, n - holdout).toArray());
        LabeledImages val = all.select(IntStream.range(n - holdout, n).toArray());
        log.info("Quality benchmark: {} train, {} held out, {} {}; nets {} targets {} seeds {}; epochs {}+{}",
                train.size(), val.size(), test.size(), evalOn, nets, targets, seeds, baseEpochs, pruneEpochs);

        List<QualityRow> rows = new ArrayList<>();
        long started = System.nanoTime();
        QualitySeedRun run = new QualitySeedRun(methods, batch, baseEpochs, pruneEpochs, this::pruner, r -> keep(rows, r));
        for (BenchNets.Net net : nets) {
            for (long seed : seeds) {
                run.run(net, seed, targets, train, val, test);
            }
        }
        double minutes = (System.nanoTime() - started) / 6e10;
        writeResults(rows, minutes);
        return 0;
    }

    /** AutoPrune's listener for a target, with this run's settings. */
    private AutoPruneListener pruner(double target, DataSetIterator validation) {
        return AutoPruneListener.builder().targetFlops(target).lambda(lambda).warmupEpochs(0)
                .maxSearchEpochs(pruneEpochs - 1).fineTuneEpochs(1).patience(patience).validationData(validation)
                .ratioUpdater(ratioUpdater.of(ratioLr)).scoreUpdater(scoreUpdater.of(scoreLr))
                .build();
    }

    /** Adds a row and rewrites the CSV at once, so a run that is stopped keeps what it measured. */
    private void keep(List<QualityRow> rows, QualityRow r) throws java.io.IOException {
        rows.add(r);
        writeCsv(rows);
    }

    private String sectionName() {
        return this.section != null ? this.section : quick ? "quality-quick" : "quality";
    }

    private void writeCsv(List<QualityRow> rows) throws java.io.IOException {
        QualityCsv.write(Path.of("bench-results").resolve(sectionName() + ".csv"), rows);
    }

    /** The score updater and the evaluation set when they are not the defaults, for the table header. */
    private String nonDefaultSearchOptions() {
        String s = "";
        if (scoreUpdater != SearchUpdater.adam || scoreLr != 0.05) {
            s += ", score updater " + scoreUpdater.label() + "(" + scoreLr + ")";
        }
        if (evalOn == EvalSet.selection) {
            s += "; the accuracy column is measured on the selection set (training images " + SELECTION_START + "-"
                    + (SELECTION_START + SELECTION_SIZE - 1) + ", used neither for training nor held out), "
                    + "not on the test set";
        }
        return s;
    }

    private void writeResults(List<QualityRow> rows, double minutes) throws Exception {
        String section = sectionName();
        // The CSV needs no writing here: keep(...) rewrote it after every measured row.

        StringBuilder md = new StringBuilder();
        // Several quality sections stand in BENCHMARKS.md; the heading says which nets, data and seeds.
        md.append("### Pruning quality on Fashion-MNIST: ")
                .append(String.join(", ", rows.stream().map(QualityRow::net).distinct().toList()))
                .append(trainLimit > 0 ? ", first " + trainLimit + " training images" : ", full data")
                .append(", ").append(rows.stream().map(QualityRow::seed).distinct().count()).append(" seed(s), ")
                .append(baseEpochs).append("+").append(pruneEpochs).append(" epochs")
                .append(quick ? " (quick mode)" : "").append("\n\n");
        md.append("Command: `").append(command()).append("`. ")
                .append(MarkdownSection.machine()).append(String.format(Locale.ROOT,
                        " Seeds %s; %d+%d epochs (baseline + pruning budget), batch %d, Adam 1e-3, lambda %.1f, "
                                + "ratio updater " + ratioUpdater.label() + "(" + ratioLr + ")" + nonDefaultSearchOptions() + "; "
                                + "%d training images held out for the ratio steps; wall time of the whole run %s. "
                                + "Raw rows: %s.%n%n",
                        seeds, baseEpochs, pruneEpochs, batch, lambda, holdout,
                        Double.isNaN(minutes)
                                ? String.format(Locale.ROOT, "not recorded (re-rendered from CSV; its rows add up to %.1f "
                                        + "min of training and testing)", rows.stream().mapToDouble(QualityRow::seconds).sum() / 60)
                                : String.format(Locale.ROOT, "%.1f min", minutes),
                        tableFrom == null ? "`bench-results/" + section + ".csv`"
                                : String.join(", ", tableFrom.stream().map(p -> "`" + p + "`").toList())));
        md.append(QualityTables.render(rows));
        MarkdownSection.write(markdown, section, md.toString());
        System.out.println(md);
    }
}

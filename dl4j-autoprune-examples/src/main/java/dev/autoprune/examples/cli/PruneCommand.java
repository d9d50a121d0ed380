package dev.autoprune.examples.cli;

import dev.autoprune.AutoPrune;
import dev.autoprune.examples.plot.SearchPlots;
import dev.autoprune.cost.LatencyModel;
import dev.autoprune.listener.AutoPruneListener;
import dev.autoprune.report.PruningReport;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code autoprune prune MODEL --out FILE}: prunes a saved, trained DL4J network to a FLOPs target on
 * the chosen data, fine-tunes, compacts, and writes the compacted model plus its report (table,
 * JSON, CSV) and the two search plots next to it.
 */
@Command(name = "prune", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Prune a saved DL4J model (MultiLayerNetwork or ComputationGraph zip) to a FLOPs target.",
                "Writes OUT (the compacted model) and, next to it, OUT-stem-report.{txt,json,csv}, "
                        + "OUT-stem-ratios.png and OUT-stem-flops.png."})
public final class PruneCommand implements java.util.concurrent.Callable<Integer> {

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "The trained model zip (ModelSerializer).")
    private Path model;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "Where to write the compacted model.")
    private Path out;

    @Mixin
    private SearchOptions search;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "3",
            description = "Most epochs of the ratio search, or more short ones for --min-search-iterations "
                    + "(default: ${DEFAULT-VALUE}).")
    private int epochs;

    @Mixin
    private LatencyOptions latencyOptions;

    @Option(names = "--checkpoint", paramLabel = "FILE",
            description = "Where the run saves its checkpoint at each epoch end, to --resume from after an "
                    + "interruption (default: OUT-stem-checkpoint.zip next to OUT; removed when the run finishes).")
    private Path checkpoint;

    @Option(names = "--resume", paramLabel = "CHECKPOINT",
            description = "Continue an interrupted run from its checkpoint, with the same MODEL, data and pruning "
                    + "options (a checkpoint written with other settings is refused); it ends as the run would have.")
    private Path resume;

    @Option(names = "--stop-after", paramLabel = "EPOCHS",
            description = "End the run after EPOCHS epochs (counting those before a --resume) and keep the "
                    + "checkpoint, e.g. for time-limited jobs; exit code 5.")
    private Integer stopAfter;

    @Mixin
    private DataOptions data;

    @Mixin
    private InputShapeOptions inputShapes;

    @Mixin
    private CommonOptions common;

    @Override
    public Integer call() throws IOException {
        search.validate(spec.commandLine(), epochs, "--epochs");
        latencyOptions.validate(spec.commandLine());
        if (out.getFileName() == null || !out.getFileName().toString().endsWith(".zip")) {
            throw CliException.usage("--out must name a .zip file, found '" + out + "'");
        }
        OutputLocation.checkFile(out, "--out", model); // before any data is loaded or epoch trained
        String stem = out.getFileName().toString().replaceFirst("\\.zip$", "");
        Path checkpointFile = checkpoint != null ? checkpoint : out.resolveSibling(stem + "-checkpoint.zip");
        checkResumeOptions(checkpointFile);
        InputType[] inputs = inputShapes.inputTypes();
        PrintWriter o = spec.commandLine().getOut();
        Model loaded = ModelFile.load(model);
        DataOptions.Splits splits = data.open(search.batch, search.seed, inputs == null ? null : inputs[0]);
        long classes = Networks.outputSize(loaded);
        if (classes > 0 && splits.train().totalOutcomes() > 0 && classes != splits.train().totalOutcomes()) {
            throw CliException.usage("model " + model + " has " + classes + " outputs but " + splits.description()
                    + " has " + splits.train().totalOutcomes() + " classes; choose matching data");
        }
        // Asked once: prunable records them in the masks; the plain and compacted models need them too.
        InputType[] types = Networks.inputTypes(loaded, inputs);
        Model fresh = Networks.hasMasks(loaded) ? loaded : prunable(loaded, types);
        PruneCheckpoint.Resumed resumed = resume == null ? null : PruneCheckpoint.read(resume);
        if (resumed != null && resumed.net().numParams() != fresh.numParams()) {
            throw CliException.input("--resume " + resume + " holds a network of " + resumed.net().numParams()
                    + " parameters, but MODEL " + model + " made prunable has " + fresh.numParams()
                    + "; give the MODEL the interrupted run pruned", null);
        }
        Model net = resumed == null ? fresh : resumed.net();
        if (latencyOptions.enabled()) {
            o.printf(Locale.ROOT, "pruning %s on %s to latency target %.3f%n", model, splits.description(),
                    latencyOptions.targetLatency);
        } else {
            o.printf(Locale.ROOT, "pruning %s on %s to FLOPs target %.3f%n", model, splits.description(), search.target);
        }
        NetworkSummary before = NetworkSummary.of(loaded, splits.test(), types);

        AutoPruneListener.Builder builder = search.listener();
        if (inputs != null) {
            builder.inputTypes(inputs);
        }
        LatencyModel latencyModel = latencyOptions.enabled() ? latencyOptions.measure(net, o) : null;
        AutoPruneListener pruner = latencyModel == null ? builder.build()
                : latencyOptions.apply(builder, latencyModel, spec.commandLine());
        int epochsDone = resumed == null ? 0 : resumed(pruner, resumed.epochs(), splits);
        ResumeHint hint = new ResumeHint(checkpointFile, spec.commandLine().getParseResult().originalArgs(),
                spec.commandLine().getErr());
        if (resumed != null && sameFile(checkpointFile, resume)) {
            hint.saved(epochsDone); // the checkpoint resumed from is the one this run writes
        }
        hint.install();
        int epochs;
        try {
            epochs = PruningRun.run(net, pruner, splits.train(), o, epochsDone, e -> {
                PruneCheckpoint.write(checkpointFile, net, pruner, e);
                hint.saved(e);
                return stopAfter == null || e < stopAfter;
            });
        } finally {
            hint.remove();
        }
        if (!pruner.isDone()) {
            o.flush();
            spec.commandLine().getErr().println("autoprune prune: stopped after epoch " + epochs + " (--stop-after); "
                    + "the checkpoint is " + checkpointFile + "; resume with: " + hint.resumeCommand());
            spec.commandLine().getErr().flush();
            return AutoPruneCli.EXIT_STOPPED;
        }
        Model compacted = Networks.compact(net, types);
        NetworkSummary after = NetworkSummary.of(compacted, splits.test(), types);
        splits.test().reset();
        INDArray batch = splits.test().next().getFeatures();
        double[] latency = InferenceLatency.medianMillis(batch, 3, 20, loaded, compacted);
        o.println();
        o.print(BeforeAfterTable.format(before.withLatency(latency[0]), after.withLatency(latency[1]),
                (int) batch.size(0)));
        o.flush(); // the table is shown even when writing the files fails

        PruningReport report = latencyModel == null ? Networks.report(net, types)
                : Networks.report(net, types).withLatency(latencyModel);
        ModelFile.save(compacted, out);
        PruneCheckpoint.remove(checkpointFile); // the run is finished
        ReportFiles.write(report, out.resolveSibling(stem + "-report"));
        o.println("wrote " + out + ", " + out.resolveSibling(stem + "-report.{txt,json,csv}"));
        PlotFiles.write(pruner, out.resolveSibling(stem + "-" + SearchPlots.RATIOS_FILE),
                out.resolveSibling(stem + "-" + SearchPlots.FLOPS_FILE), o);
        String missed = TargetCheck.warning(pruner, "--epochs");
        if (missed != null) {
            o.flush();
            spec.commandLine().getErr().println("autoprune prune: " + missed);
            spec.commandLine().getErr().flush();
            return AutoPruneCli.EXIT_TARGET_MISSED;
        }
        return 0;
    }

    private void checkResumeOptions(Path checkpointFile) {
        if (sameFile(checkpointFile, out)) {
            throw CliException.usage("--checkpoint must differ from --out (" + out + ")");
        }
        OutputLocation.checkFile(checkpointFile, "--checkpoint", model);
        if (stopAfter != null && stopAfter < 1) {
            throw CliException.usage("--stop-after must be >= 1, found " + stopAfter);
        }
        if (resume != null && !java.nio.file.Files.isRegularFile(resume)) {
            throw CliException.input("--resume " + resume + " does not exist; give the checkpoint an interrupted "
                    + "prune wrote (OUT-stem-checkpoint.zip, or its --checkpoint)", null);
        }
    }

    private static boolean sameFile(Path a, Path b) {
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    /**
     * Restores the listener from the checkpoint and moves the training data on by the epochs already
     * trained (each epoch reshuffles it), so that the run continues as it would have.
     */
    private int resumed(AutoPruneListener pruner, int epochsDone, DataOptions.Splits splits) {
        try {
            pruner.restoreCheckpoint(resume.toFile());
        } catch (IllegalStateException | IllegalArgumentException e) {
            String why = ModelFile.oneLine(e).replaceFirst("\\. Build the listener with.*$", "");
            throw CliException.input("--resume refused: " + why + "; give the options of the interrupted run", e);
        }
        for (int i = 0; i < epochsDone; i++) {
            splits.train().reset();
        }
        return epochsDone;
    }

    private Model prunable(Model loaded, InputType[] types) {
        dev.autoprune.PrunableOptions options = dev.autoprune.PrunableOptions.builder().inputTypes(types).build();
        try {
            return loaded instanceof MultiLayerNetwork m ? AutoPrune.prunable(m, options)
                    : AutoPrune.prunable((ComputationGraph) loaded, options);
        } catch (IllegalArgumentException e) {
            throw CliException.usage("model " + model + " cannot be made prunable: " + ModelFile.oneLine(e));
        }
    }
}

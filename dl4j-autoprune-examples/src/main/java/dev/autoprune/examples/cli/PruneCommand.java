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

    @Mixin
    private ResumeOptions resumeOptions;

    @Mixin
    private DataOptions data;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "0",
            description = "Use at most N training images of Fashion-MNIST (0: all).")
    private int limit;

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
        Path checkpointFile = resumeOptions.checkpointFile(out, stem, model);
        InputType[] inputs = inputShapes.inputTypes();
        PrintWriter o = spec.commandLine().getOut();
        Model loaded = ModelFile.load(model);
        DataOptions.Splits splits = data.open(search.batch, search.seed, inputs == null ? null : inputs[0], limit);
        long classes = Networks.outputSize(loaded);
        if (classes > 0 && splits.train().totalOutcomes() > 0 && classes != splits.train().totalOutcomes()) {
            throw CliException.usage("model " + model + " has " + classes + " outputs but " + splits.description()
                    + " has " + splits.train().totalOutcomes() + " classes; choose matching data");
        }
        // Asked once: prunable records them in the masks; the plain and compacted models need them too.
        InputType[] types = Networks.inputTypes(loaded, inputs);
        Model fresh = Networks.hasMasks(loaded) ? loaded : prunable(loaded, types);
        PruneCheckpoint.Resumed start = resumeOptions.open(fresh, model);
        Model net = start.net();
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
        resumeOptions.restore(pruner, start.epochs(), splits.train());
        ResumeOptions.Ran ran = resumeOptions.run(checkpointFile, start, pruner, splits.train(), o,
                spec.commandLine().getErr(), spec.commandLine().getParseResult().originalArgs());
        if (!pruner.isDone()) {
            o.flush();
            spec.commandLine().getErr().println("autoprune prune: stopped after epoch " + ran.epochs()
                    + " (--stop-after); the checkpoint is " + checkpointFile + "; resume with: " + ran.resumeCommand());
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

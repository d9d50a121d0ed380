package dev.autoprune.examples.cli;

import dev.autoprune.report.PruningReport;
import org.deeplearning4j.nn.api.Model;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code autoprune report MODEL}: per-layer FLOPs, parameters and channels of any saved DL4J model.
 * For a masked model "after" is what {@code compact} will leave; for a plain one before equals after.
 */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Print per-group channels and per-layer FLOPs/parameters of a saved DL4J model "
                + "(masked: before and after compaction; plain: as it is).")
public final class ReportCommand implements Callable<Integer> {

    /** Output formats. */
    enum Format { table, json, csv }

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "The model zip (ModelSerializer).")
    private Path model;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table, json or csv (default: ${DEFAULT-VALUE}).")
    private Format format;

    @Mixin
    private InputShapeOptions inputShapes;

    @Mixin
    private CommonOptions common;

    @Override
    public Integer call() {
        var inputs = inputShapes.inputTypes();
        Model net = ModelFile.load(model);
        PruningReport report = Networks.report(net, inputs);
        String text = switch (format) {
            case table -> report.toTable();
            case json -> report.toJson() + System.lineSeparator();
            case csv -> report.toCsv();
        };
        spec.commandLine().getOut().print(text);
        spec.commandLine().getOut().flush();
        return 0;
    }
}

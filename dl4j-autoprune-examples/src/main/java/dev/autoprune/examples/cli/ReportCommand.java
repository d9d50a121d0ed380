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
 * For a masked model "after" is what {@code compact} will leave; for a plain one before equals after,
 * which the table says in words, and {@code --baseline MODEL} compares it with the model it was
 * pruned from.
 */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Print per-group channels and per-layer FLOPs/parameters of a saved DL4J model "
                + "(masked: before and after compaction; plain: as it is).")
public final class ReportCommand implements Callable<Integer> {

    /** Output formats. */
    enum Format { table, json, csv }

    /** Under the table of a model without masks, where "kept 1.0000" would read as a result. */
    static final String PLAIN_NOTE = "plain model: nothing masked, so nothing is pruned away here (kept 1.0000 by "
            + "definition); to see what pruning removed, run: autoprune report MODEL --baseline ORIGINAL"
            + System.lineSeparator();

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "The model zip (ModelSerializer).")
    private Path model;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table, json or csv (default: ${DEFAULT-VALUE}).")
    private Format format;

    @Option(names = "--baseline", paramLabel = "MODEL",
            description = "Compare with this model (e.g. the one MODEL was pruned from): FLOPs, parameters and "
                    + "channels of both, with the kept fractions.")
    private Path baseline;

    @Mixin
    private InputShapeOptions inputShapes;

    @Mixin
    private CommonOptions common;

    @Override
    public Integer call() {
        var inputs = inputShapes.inputTypes();
        Model net = ModelFile.load(model);
        PruningReport report = Networks.report(net, inputs);
        if (baseline != null) {
            Model base = ModelFile.load(baseline);
            spec.commandLine().getOut().print(ModelComparison.of(base, net, inputs).format(format.name(),
                    baseline.toString(), model.toString()));
            spec.commandLine().getOut().flush();
            return 0;
        }
        String text = switch (format) {
            case table -> report.toTable() + (Networks.hasMasks(net) ? "" : PLAIN_NOTE);
            case json -> report.toJson() + System.lineSeparator();
            case csv -> report.toCsv();
        };
        spec.commandLine().getOut().print(text);
        spec.commandLine().getOut().flush();
        return 0;
    }
}

package dev.autoprune.examples.cli;

import dev.autoprune.flops.FlopsCounter;
import org.deeplearning4j.nn.api.Model;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code autoprune compact IN OUT}: applies the hard masks of a saved masked model and removes the
 * masked-out channels, writing a plain DL4J model that loads without this library.
 */
@Command(name = "compact", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Remove the masked-out channels of a saved masked model; OUT is a plain DL4J model.")
public final class CompactCommand implements Callable<Integer> {

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN", description = "The masked model zip.")
    private Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "Where to write the compacted model zip.")
    private Path out;

    @Mixin
    private InputShapeOptions inputShapes;

    @Mixin
    private CommonOptions common;

    @Override
    public Integer call() throws IOException {
        if (in.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
            throw CliException.usage("OUT must differ from IN (" + in + "); the masked model is kept");
        }
        var inputs = inputShapes.inputTypes();
        Model net = ModelFile.load(in);
        if (!Networks.hasMasks(net)) {
            throw CliException.input("model file " + in + " has no channel masks, so there is nothing to compact; "
                    + "prune it first (autoprune prune, or AutoPrune.prunable + AutoPruneListener)", null);
        }
        // The compacted model has no masks to record the types: take them from the masked one.
        var types = Networks.inputTypes(net, inputs);
        FlopsCounter before = Networks.counter(net, types);
        Model compacted = Networks.compact(net, types);
        FlopsCounter after = Networks.counter(compacted, types);
        ModelFile.save(compacted, out);
        spec.commandLine().getOut().printf(Locale.ROOT, "%s -> %s: FLOPs %,d -> %,d, parameters %,d -> %,d%n", in, out,
                before.totalFlops(), after.totalFlops(), before.totalParams(), after.totalParams());
        spec.commandLine().getOut().flush();
        return 0;
    }
}

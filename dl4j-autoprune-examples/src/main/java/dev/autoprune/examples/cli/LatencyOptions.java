package dev.autoprune.examples.cli;

import dev.autoprune.cost.LatencyModel;
import dev.autoprune.listener.AutoPruneListener;
import dev.autoprune.listener.InvalidSettingException;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The latency-target options of {@code prune} and {@code demo}: {@code --target-latency} prunes to a
 * fraction of the inference latency measured on this machine ({@link LatencyModel}) instead of FLOPs,
 * at {@code --latency-batch}, with an optional {@code --latency-cache} file. A mixin, so the commands
 * only ask it whether it is on, to measure, and to set the listener's cost model.
 */
public final class LatencyOptions {

    @Option(names = "--target-latency", paramLabel = "FRACTION",
            description = "Prune to this fraction of the inference latency measured here (one forward pass at "
                    + "--latency-batch, this machine's threads), in (0, 1), instead of the FLOPs --target.")
    Double targetLatency;

    @Option(names = "--latency-batch", paramLabel = "N", defaultValue = "64",
            description = "Batch size the latency is measured at (default: ${DEFAULT-VALUE}).")
    int latencyBatch;

    @Option(names = "--latency-cache", paramLabel = "FILE",
            description = "Latency model cache: read when it was measured for this network, backend, batch and "
                    + "threads, written after measuring otherwise (default: none).")
    Path cache;

    /** Whether a latency target was given. */
    boolean enabled() {
        return targetLatency != null;
    }

    /** Checks the values; call first. */
    void validate(CommandLine cli) {
        if (targetLatency == null) {
            return;
        }
        if (!(targetLatency > 0 && targetLatency < 1)) {
            throw new CommandLine.ParameterException(cli, "--target-latency must be in (0, 1), found " + targetLatency
                    + " (e.g. --target-latency 0.5 asks for twice as fast)");
        }
        if (latencyBatch < 1) {
            throw new CommandLine.ParameterException(cli, "--latency-batch must be >= 1, found " + latencyBatch);
        }
    }

    /** Measures (or reads from the cache) the latency model of the prunable network, printing its progress and floor. */
    LatencyModel measure(Model prunable, PrintWriter out) {
        LatencyModel.Builder b = LatencyModel.builder(latencyBatch).cache(cache).progress(out::println);
        LatencyModel m = prunable instanceof MultiLayerNetwork n ? b.measure(n) : b.measure((ComputationGraph) prunable);
        out.printf(Locale.ROOT, "latency model: %.2f ms per forward pass at batch %d (%s, %d threads), worst fit error "
                        + "%.1f %%, floor %.3f (every group at its minChannels), %s in %.1f s%n", 1e3 * m.fullSeconds(),
                m.batchSize(), m.backend(), m.threads(), 100 * m.worstFitError(), m.minimumFraction(),
                m.fromCache() ? "cached, measured" : "measured", m.measuringSeconds());
        out.flush();
        return m;
    }

    /** Sets the latency model and target on the listener; a target below the floor is a usage error naming it. */
    AutoPruneListener apply(AutoPruneListener.Builder builder, LatencyModel model, CommandLine cli) {
        try {
            return builder.costModel(model).target(targetLatency).build();
        } catch (InvalidSettingException e) {
            throw new CommandLine.ParameterException(cli, ("target".equals(e.setting()) ? "--target-latency "
                    : e.setting() + " ") + e.requirement() + ", found " + e.value());
        }
    }
}

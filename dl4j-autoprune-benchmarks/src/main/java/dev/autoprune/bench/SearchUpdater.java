package dev.autoprune.bench;

import dev.autoprune.optimize.SharedAdam;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;
import picocli.CommandLine;

import java.util.function.DoubleFunction;

/**
 * The updaters {@link QualityBenchmark} offers for the search's ratio logits and channel scores, by the
 * names its options take ({@code --ratio-updater shared-adam}).
 */
enum SearchUpdater {
    /** Per-coordinate Adam (the listener's default). */
    adam(Adam::new),
    /** Plain gradient steps. */
    sgd(Sgd::new),
    /** Adam with one second moment for the whole vector ({@link SharedAdam}). */
    shared_adam(SharedAdam::new);

    private final DoubleFunction<IUpdater> make;

    SearchUpdater(DoubleFunction<IUpdater> make) {
        this.make = make;
    }

    /** The updater with learning rate {@code lr}. */
    IUpdater of(double lr) {
        return make.apply(lr);
    }

    /** The option's spelling, e.g. {@code shared-adam}. */
    String label() {
        return name().replace('_', '-');
    }

    /** Reads an option's spelling ({@code adam}, {@code sgd}, {@code shared-adam}). */
    static final class Converter implements CommandLine.ITypeConverter<SearchUpdater> {
        @Override
        public SearchUpdater convert(String value) {
            for (SearchUpdater u : values()) {
                if (u.label().equals(value)) {
                    return u;
                }
            }
            throw new CommandLine.TypeConversionException("'" + value + "' is not an updater: use adam, sgd or shared-adam");
        }
    }
}

package dev.autoprune.examples.cli;

import dev.autoprune.listener.AutoPruneListener;
import dev.autoprune.listener.InvalidSettingException;
import dev.autoprune.listener.PruneSettings;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The pruning settings shared by {@code demo} and {@code prune}: target FLOPs, penalty weight,
 * search and fine-tune epochs, the shortest search in iterations (so that small data reaches the
 * target), batch size and seed. {@link #validate} fills the listener's
 * {@link PruneSettings} from them and reports a bad value as a usage error naming the option (from the
 * setting the settings builder names, not from its message).
 */
public final class SearchOptions {

    @Option(names = "--target", paramLabel = "FRACTION", defaultValue = "0.5",
            description = "Target remaining FLOPs fraction, in (0, 1) (default: ${DEFAULT-VALUE}).")
    double target;

    @Option(names = "--lambda", paramLabel = "WEIGHT",
            description = "Weight of the FLOPs penalty (ln(F/T))^2, >= 0 (default: ${DEFAULT-VALUE}).")
    double lambda = 2.0;

    @Option(names = "--patience", paramLabel = "N",
            description = "Stop the search once the hard FLOPs fraction is within 0.02 of the target for N "
                    + "consecutive ratio steps (default: ${DEFAULT-VALUE}).")
    int patience = 20;

    @Option(names = "--min-search-iterations", paramLabel = "N",
            description = "The search takes at least N weight steps (minibatches), repeating the data when its "
                    + "epochs are shorter, so that small data sets reach the target too; 0: the search epochs only "
                    + "(default: ${DEFAULT-VALUE}).")
    int minSearchIterations = 200;

    @Option(names = "--fine-tune-epochs", paramLabel = "N", defaultValue = "1",
            description = "Epochs of fine-tuning with the hard masks, >= 0 (default: ${DEFAULT-VALUE}).")
    int fineTuneEpochs;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "64",
            description = "Minibatch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "Seed for weights and shuffling (default: ${DEFAULT-VALUE}).")
    long seed;

    /** The listener settings, built by {@link #validate}. */
    private PruneSettings settings;

    /** The listener's defaults (lambda 2, patience 20), and a search of at least 200 iterations. */
    public SearchOptions() {
    }

    /**
     * Other defaults for lambda, patience and the shortest search (a command's {@code --help} shows them).
     *
     * @param lambda the default penalty weight
     * @param patience the default patience
     * @param minSearchIterations the default fewest search iterations
     * @return the options
     */
    static SearchOptions withDefaults(double lambda, int patience, int minSearchIterations) {
        SearchOptions o = new SearchOptions();
        o.lambda = lambda;
        o.patience = patience;
        o.minSearchIterations = minSearchIterations;
        return o;
    }

    /**
     * Checks the values and builds the listener settings from them; call before {@link #listener()}.
     *
     * @param cli the command line, for the error
     * @param searchEpochs the maximum search epochs chosen by the command
     * @param searchOption the option that set them
     * @throws CommandLine.ParameterException naming the bad option and value
     */
    void validate(CommandLine cli, int searchEpochs, String searchOption) {
        if (batch < 1) {
            throw new CommandLine.ParameterException(cli, "--batch must be >= 1, found " + batch);
        }
        try {
            settings = PruneSettings.builder().target(target).lambda(lambda).maxSearchEpochs(searchEpochs)
                    .fineTuneEpochs(fineTuneEpochs).patience(patience).minSearchIterations(minSearchIterations).build();
        } catch (InvalidSettingException e) {
            String option = switch (e.setting()) {
                case "target" -> "--target";
                case "lambda" -> "--lambda";
                case "patience" -> "--patience";
                case "fineTuneEpochs" -> "--fine-tune-epochs";
                case "minSearchIterations" -> "--min-search-iterations";
                case "maxSearchEpochs" -> searchOption;
                default -> e.setting();
            };
            throw new CommandLine.ParameterException(cli, option + " " + e.requirement() + ", found " + e.value()
                    + ("--target".equals(option) ? " (e.g. --target 0.5 keeps half the FLOPs)" : ""));
        }
    }

    /** A listener builder with the validated settings (validation data left to the caller). */
    AutoPruneListener.Builder listener() {
        if (settings == null) {
            throw new IllegalStateException("SearchOptions.validate must run before listener()");
        }
        return AutoPruneListener.builder().settings(settings);
    }
}

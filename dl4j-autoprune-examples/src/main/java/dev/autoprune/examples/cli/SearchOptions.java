package dev.autoprune.examples.cli;

import dev.autoprune.listener.AutoPruneListener;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The pruning settings shared by {@code demo} and {@code prune}: target FLOPs, penalty weight,
 * search and fine-tune epochs, batch size and seed. {@link #validate} reports a bad value as a
 * usage error naming the option.
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

    @Option(names = "--fine-tune-epochs", paramLabel = "N", defaultValue = "1",
            description = "Epochs of fine-tuning with the hard masks, >= 0 (default: ${DEFAULT-VALUE}).")
    int fineTuneEpochs;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "64",
            description = "Minibatch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "Seed for weights and shuffling (default: ${DEFAULT-VALUE}).")
    long seed;

    /** The listener's defaults (lambda 2, patience 20). */
    public SearchOptions() {
    }

    /**
     * Other defaults for lambda and patience (a command's {@code --help} shows them).
     *
     * @param lambda the default penalty weight
     * @param patience the default patience
     * @return the options
     */
    static SearchOptions withDefaults(double lambda, int patience) {
        SearchOptions o = new SearchOptions();
        o.lambda = lambda;
        o.patience = patience;
        return o;
    }

    /**
     * Checks the values.
     *
     * @param cli the command line, for the error
     * @param searchEpochs the maximum search epochs chosen by the command
     * @param searchOption the option that set them
     * @throws CommandLine.ParameterException naming the bad option and value
     */
    void validate(CommandLine cli, int searchEpochs, String searchOption) {
        if (!(target > 0 && target < 1)) {
            throw new CommandLine.ParameterException(cli, "--target must be in (0, 1), found " + target
                    + " (e.g. --target 0.5 keeps half the FLOPs)");
        }
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new CommandLine.ParameterException(cli, "--lambda must be >= 0 and finite, found " + lambda);
        }
        if (patience < 1) {
            throw new CommandLine.ParameterException(cli, "--patience must be >= 1, found " + patience);
        }
        if (fineTuneEpochs < 0) {
            throw new CommandLine.ParameterException(cli, "--fine-tune-epochs must be >= 0, found " + fineTuneEpochs);
        }
        if (batch < 1) {
            throw new CommandLine.ParameterException(cli, "--batch must be >= 1, found " + batch);
        }
        if (searchEpochs < 1) {
            throw new CommandLine.ParameterException(cli, searchOption + " must be >= 1, found " + searchEpochs);
        }
    }

    /** A listener builder with these settings (validation data and epochs left to the caller). */
    AutoPruneListener.Builder listener(int searchEpochs) {
        return AutoPruneListener.builder().targetFlops(target).lambda(lambda).maxSearchEpochs(searchEpochs)
                .fineTuneEpochs(fineTuneEpochs).patience(patience);
    }
}

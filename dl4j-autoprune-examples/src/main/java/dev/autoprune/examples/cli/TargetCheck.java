package dev.autoprune.examples.cli;

import dev.autoprune.listener.AutoPruneListener;

import java.util.Locale;

/**
 * After a pruning run: did the hard cost fraction (FLOPs, or measured latency with
 * {@code --target-latency}) end at or below the target by at most the listener's tolerance (the
 * search's own stopping rule, {@code PruneSettings.meetsTarget})? If not, a warning line says by how much and
 * what to change, and the command exits with
 * {@link AutoPruneCli#EXIT_TARGET_MISSED} (its files are still written: the model is valid, only
 * larger or smaller than asked).
 */
final class TargetCheck {

    private TargetCheck() {
    }

    /**
     * @param pruner the finished listener
     * @param epochsOption the option that sets the search epochs, e.g. {@code --epochs}
     * @return the warning, or null when the target was met
     */
    static String warning(AutoPruneListener pruner, String epochsOption) {
        double hard = pruner.hardFraction();
        double target = pruner.settings().target();
        double tolerance = pruner.settings().tolerance();
        if (pruner.settings().meetsTarget(hard)) {
            return null;
        }
        String cost = pruner.costModel().name(); // "FLOPs", "latency", "parameters"
        String what = String.format(Locale.ROOT, "warning: %s target missed: the pruned model keeps %.3f of the "
                + "%s, the target was %.3f (tolerance %.3f below it); ", cost, hard, cost, target, tolerance);
        if (hard > target) {
            return what + "the search ended before reaching it. Search longer (a larger " + epochsOption
                    + ", or more training data: the search takes one ratio step every few minibatches) "
                    + "or push harder (a larger --lambda, e.g. " + String.format(Locale.ROOT, "%.0f",
                    Math.max(8, 4 * pruner.settings().lambda())) + ")";
        }
        // A search that runs out below the band is raised into it (TargetProjection) as far as whole channels
        // allow: what is left below it is the step of the groups' widths, not the search.
        return what + "no widths fit between the two: one more channel step in any group would take the model "
                + "above the target. This is the largest model at or below the target; ask for a higher --target "
                + "for a larger one, or prune a model with finer channel steps (channelMultiple)";
    }
}

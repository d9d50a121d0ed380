package dev.autoprune.examples.cli;

import dev.autoprune.listener.AutoPruneListener;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

import java.io.PrintWriter;

/**
 * The training loop of a pruning run: attach the {@link AutoPruneListener} (and a progress line per
 * epoch), call {@code fit} until the listener says it is done. The loop is bounded by the
 * listener's {@link AutoPruneListener#maxTotalEpochs()}, so a listener that never finishes is an
 * error rather than an endless run.
 */
public final class PruningRun {

    private PruningRun() {
    }

    /** What the loop does after each epoch (e.g. write a checkpoint); false ends the run there. */
    @FunctionalInterface
    public interface EpochEnd {
        /**
         * @param epochs the epochs trained so far, those before a resume included
         * @return whether to train on
         * @throws java.io.IOException if what it writes fails
         */
        boolean after(int epochs) throws java.io.IOException;
    }

    /**
     * Runs the loop.
     *
     * @param net a prunable network (from {@code AutoPrune.prunable})
     * @param pruner a fresh listener
     * @param train the training data
     * @param progress where to print the per-epoch lines, or null for none
     * @return the number of epochs trained
     * @throws IllegalStateException if the listener is not done after its maximum epoch count
     */
    public static int run(Model net, AutoPruneListener pruner, DataSetIterator train, PrintWriter progress) {
        try {
            return run(net, pruner, train, progress, 0, epochs -> true);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e); // not thrown: the epoch end writes nothing
        }
    }

    /**
     * Runs the loop, or resumes it, with something done after each epoch.
     *
     * @param net a prunable network, or one restored from a checkpoint
     * @param pruner its listener (restored from the same checkpoint when resuming)
     * @param train the training data, at the start of the next epoch
     * @param progress where to print the per-epoch lines, or null for none
     * @param epochsDone the epochs trained before a resume, else 0
     * @param epochEnd called after each epoch while the listener is not done; false stops the loop
     * @return the number of epochs trained, {@code epochsDone} included; the listener is done unless
     *     {@code epochEnd} stopped the loop
     * @throws IllegalStateException if the listener is not done after its maximum epoch count
     * @throws java.io.IOException if {@code epochEnd} fails
     */
    public static int run(Model net, AutoPruneListener pruner, DataSetIterator train, PrintWriter progress,
                          int epochsDone, EpochEnd epochEnd) throws java.io.IOException {
        if (progress != null) {
            addListeners(net, pruner, new EpochProgress(progress, "prune", pruner, pruner.maxTotalEpochs())
                    .resumedAfter(epochsDone));
        } else {
            addListeners(net, pruner);
        }
        int epochs = epochsDone;
        while (!pruner.isDone() && epochs < pruner.maxTotalEpochs()) { // known after the first epoch
            Networks.fit(net, train);
            epochs++;
            if (!pruner.isDone() && !epochEnd.after(epochs)) {
                return epochs;
            }
        }
        if (!pruner.isDone()) {
            throw new IllegalStateException("AutoPruneListener not done after " + epochs + " epochs (phase "
                    + pruner.phase() + ")");
        }
        return epochs;
    }

    private static void addListeners(Model net, org.deeplearning4j.optimize.api.TrainingListener... ls) {
        if (net instanceof MultiLayerNetwork m) {
            m.addListeners(ls);
        } else {
            ((ComputationGraph) net).addListeners(ls);
        }
    }
}

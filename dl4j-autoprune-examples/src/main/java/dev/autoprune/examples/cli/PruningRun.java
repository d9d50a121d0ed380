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
        if (progress != null) {
            addListeners(net, pruner, new EpochProgress(progress, "prune", pruner, pruner.maxTotalEpochs()));
        } else {
            addListeners(net, pruner);
        }
        int epochs = 0;
        while (!pruner.isDone() && epochs < pruner.maxTotalEpochs()) { // known after the first epoch
            Networks.fit(net, train);
            epochs++;
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

package dev.autoprune.examples;

import dev.autoprune.listener.AutoPruneListener;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.api.NeuralNetwork;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * The training loop of the examples: an ordinary {@code fit} per epoch, repeated until the listener
 * says pruning is done ({@link ListenerInTrainingLoopExample} writes the same loop out in full).
 */
final class PruningLoop {

    private PruningLoop() {
    }

    /**
     * Adds the listener to the network and trains it epoch by epoch until the listener is done.
     *
     * @param net    a prunable MultiLayerNetwork or ComputationGraph
     * @param train  the training data
     * @param pruner the listener
     * @param <N>    the network type
     * @return the epochs trained
     */
    static <N extends Model & NeuralNetwork> int fitUntilDone(N net, DataSetIterator train, AutoPruneListener pruner) {
        net.addListeners(pruner);
        int epochs = 0;
        while (!pruner.isDone()) {
            net.fit(train);
            epochs++;
        }
        return epochs;
    }
}

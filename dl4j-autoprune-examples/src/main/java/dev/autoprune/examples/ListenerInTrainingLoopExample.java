package dev.autoprune.examples;

import dev.autoprune.AutoPrune;
import dev.autoprune.ChannelPruner;
import dev.autoprune.examples.data.EmbeddedFashionMnist;
import dev.autoprune.flops.FlopsCounter;
import dev.autoprune.listener.AutoPruneListener;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * Pruning added to an existing DL4J training loop: the plain LeNet loop below, plus the lines
 * marked {@code // AutoPrune}. The network trains from scratch; the listener warms it up for one
 * epoch, searches the channel counts under the FLOPs target, hardens the masks and fine-tunes, all
 * inside the ordinary {@code fit} calls.
 *
 * <p>Run: {@code ./autoprune} builds the module; then
 * {@code java -cp ... dev.autoprune.examples.ListenerInTrainingLoopExample}, or read and copy.
 */
public final class ListenerInTrainingLoopExample {

    private ListenerInTrainingLoopExample() {
    }

    /**
     * Trains and prunes a LeNet.
     *
     * @param train training data ({@code [batch, 1, 28, 28]} images, 10 classes)
     * @param test test data
     * @param searchEpochs most epochs of the ratio search
     * @param ratioSteps ratio steps after each weight step (1 in {@code main}; the tests take more so that a
     *     few iterations already prune)
     * @return the compacted network and its numbers
     */
    public static ExampleResult run(DataSetIterator train, DataSetIterator test, int searchEpochs, int ratioSteps) {
        MultiLayerNetwork net = new MultiLayerNetwork(LeNet.configuration(16, 32, 128, 10, 42));
        net.init();
        net = AutoPrune.prunable(net);                                            // AutoPrune: add channel masks
        AutoPruneListener pruner = AutoPruneListener.builder()                    // AutoPrune
                .targetFlops(0.5).maxSearchEpochs(searchEpochs)                 // AutoPrune
                .schedule(1, ratioSteps).build();                                 // AutoPrune
        net.addListeners(pruner);                                                 // AutoPrune

        int epochs = 0;
        while (!pruner.isDone()) {                 // was: for (int epoch = 0; epoch < epochs; epoch++)
            net.fit(train);
            epochs++;
        }
        MultiLayerNetwork small = ChannelPruner.compact(net);                     // AutoPrune: remove channels

        FlopsCounter before = FlopsCounter.of(net);
        FlopsCounter after = FlopsCounter.of(small);
        return ExampleResult.of(small, before, after, small.evaluate(test).accuracy(), epochs);
    }

    /**
     * Runs the example on the embedded Fashion-MNIST subset.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        ExampleResult r = run(EmbeddedFashionMnist.train(64, 42), EmbeddedFashionMnist.test(256), 3, 1);
        System.out.printf("FLOPs %,d -> %,d (%.2f), test accuracy %.3f%n", r.flopsBefore(), r.flopsAfter(),
                r.flopsFraction(), r.accuracy());
    }
}

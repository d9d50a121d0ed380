package dev.autoprune.examples;

import dev.autoprune.AutoPrune;
import dev.autoprune.ChannelPruner;
import dev.autoprune.examples.data.EmbeddedFashionMnist;
import dev.autoprune.flops.FlopsCounter;
import dev.autoprune.listener.AutoPruneListener;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Pruning a network that is already trained: train (or load) it, make it prunable (weights kept,
 * outputs unchanged), prune it with the listener (no warm-up: a trained network starts searching
 * at once), compact it, fine-tune the small network with ordinary {@code fit}, and save it. The
 * saved file is a plain DL4J model: {@code ModelSerializer.restoreMultiLayerNetwork} reads it
 * without this library.
 */
public final class PretrainedPruningExample {

    private PretrainedPruningExample() {
    }

    /**
     * Trains a LeNet, prunes it to half its FLOPs and saves the result.
     *
     * @param train training data ({@code [batch, 1, 28, 28]} images, 10 classes)
     * @param test test data
     * @param trainEpochs epochs of ordinary training before pruning
     * @param searchEpochs most epochs of the ratio search
     * @param ratioSteps ratio steps after each weight step (1 in {@code main}; the tests take more so that a
     *     few iterations already prune)
     * @param out where to save the pruned model
     * @return the compacted, fine-tuned network and its numbers
     * @throws IOException if the model cannot be saved
     */
    public static ExampleResult run(DataSetIterator train, DataSetIterator test, int trainEpochs, int searchEpochs,
                                    int ratioSteps, Path out) throws IOException {
        // 1. An ordinary trained network (in practice: ModelSerializer.restoreMultiLayerNetwork(file)).
        MultiLayerNetwork trained = LeNet.demo(7);
        for (int e = 0; e < trainEpochs; e++) {
            trained.fit(train);
        }

        // 2. Prunable copy: same weights, same outputs, plus channel masks.
        MultiLayerNetwork prunable = AutoPrune.prunable(trained);

        // 3. Search the channel counts under the FLOPs budget; fine-tuning comes after compaction.
        AutoPruneListener pruner = AutoPruneListener.builder().targetFlops(0.5).maxSearchEpochs(searchEpochs)
                .schedule(1, ratioSteps).fineTuneEpochs(0).build();
        // Epochs: the initial training, the search and the fine-tuning pass after compaction.
        int epochs = trainEpochs + PruningLoop.fitUntilDone(prunable, train, pruner) + 1;

        // 4. Remove the pruned channels, then fine-tune the small network like any other.
        MultiLayerNetwork small = ChannelPruner.compact(prunable);
        small.fit(train);

        // 5. Save: a plain DL4J model.
        File file = out.toFile();
        ModelSerializer.writeModel(small, file, true);

        FlopsCounter before = FlopsCounter.of(trained);
        FlopsCounter after = FlopsCounter.of(small);
        return ExampleResult.of(small, before, after, small.evaluate(test).accuracy(), epochs);
    }

    /**
     * Runs the example on the embedded Fashion-MNIST subset.
     *
     * @param args optional output file (default {@code pruned-lenet.zip})
     * @throws IOException if the model cannot be saved
     */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "pruned-lenet.zip");
        ExampleResult r = run(EmbeddedFashionMnist.train(64, 42), EmbeddedFashionMnist.test(256), 2, 3, 1, out);
        System.out.printf("FLOPs %,d -> %,d (%.2f), test accuracy %.3f, saved %s%n", r.flopsBefore(),
                r.flopsAfter(), r.flopsFraction(), r.accuracy(), out);
    }
}

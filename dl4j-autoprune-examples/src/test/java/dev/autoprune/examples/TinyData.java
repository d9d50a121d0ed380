package dev.autoprune.examples;

import dev.autoprune.examples.data.BatchOptions;
import dev.autoprune.examples.data.EmbeddedFashionMnist;
import dev.autoprune.examples.data.FashionMnist;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/** Small slices of the embedded Fashion-MNIST subset, so that example tests take seconds. */
public final class TinyData {

    private TinyData() {
    }

    /** The first {@code n} training images, shuffled with a fixed seed, in batches of 32. */
    public static DataSetIterator train(int n) {
        return train(n, 32);
    }

    /** The first {@code n} training images, shuffled with a fixed seed, in batches of {@code batch}. */
    public static DataSetIterator train(int n, int batch) {
        return EmbeddedFashionMnist.iterator(FashionMnist.Split.TRAIN,
                BatchOptions.builder().batchSize(batch).limit(n).shuffle(1).build());
    }

    /** The first {@code n} test images. */
    public static DataSetIterator test(int n) {
        return EmbeddedFashionMnist.iterator(FashionMnist.Split.TEST, BatchOptions.builder().batchSize(64).limit(n)
                .noShuffle().build());
    }
}

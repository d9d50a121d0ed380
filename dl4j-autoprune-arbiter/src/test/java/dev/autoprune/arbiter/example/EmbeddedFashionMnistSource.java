package dev.autoprune.arbiter.example;

import dev.autoprune.arbiter.data.PruningDataSource;
import dev.autoprune.examples.data.BatchOptions;
import dev.autoprune.examples.data.EmbeddedFashionMnist;
import dev.autoprune.examples.data.FashionMnist;
import dev.autoprune.examples.data.LabeledImages;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

import java.util.Properties;
import java.util.stream.IntStream;

/**
 * The embedded Fashion-MNIST subset as an Arbiter data source: the first {@code trainExamples}
 * training images for the weights, the next {@code ratioExamples} for the listener's ratio steps
 * (held out from the weights), and the first {@code testExamples} test images for scoring.
 * Properties: {@code batchSize} (64), {@code trainExamples} (3000), {@code ratioExamples} (1000),
 * {@code testExamples} (1000), {@code seed} (42).
 */
public class EmbeddedFashionMnistSource implements PruningDataSource {

    private static LabeledImages train;
    private static LabeledImages test;

    private int batchSize = 64;
    private int trainExamples = 3000;
    private int ratioExamples = 1000;
    private int testExamples = 1000;
    private long seed = 42;

    @Override
    public void configure(Properties p) {
        batchSize = positive(p, "batchSize", batchSize);
        trainExamples = positive(p, "trainExamples", trainExamples);
        ratioExamples = Integer.parseInt(p.getProperty("ratioExamples", Integer.toString(ratioExamples)));
        testExamples = positive(p, "testExamples", testExamples);
        seed = Long.parseLong(p.getProperty("seed", Long.toString(seed)));
        int available = EmbeddedFashionMnist.TRAIN_PER_CLASS * 10;
        if (ratioExamples < 0 || trainExamples + ratioExamples > available) {
            throw new IllegalArgumentException("trainExamples + ratioExamples must be <= " + available + ", found "
                    + trainExamples + " + " + ratioExamples);
        }
    }

    @Override
    public Object trainData() {
        return range(train(), 0, trainExamples).iterator(BatchOptions.builder().batchSize(batchSize).shuffle(seed).build());
    }

    @Override
    public Object ratioStepData() {
        if (ratioExamples == 0) {
            return null;
        }
        return range(train(), trainExamples, ratioExamples)
                .iterator(BatchOptions.builder().batchSize(batchSize).shuffle(seed + 1).build());
    }

    @Override
    public Object testData() {
        return testImages().first(testExamples).iterator(BatchOptions.of(batchSize));
    }

    @Override
    public Class<?> getDataType() {
        return DataSetIterator.class;
    }

    private static LabeledImages range(LabeledImages images, int from, int count) {
        return images.select(IntStream.range(from, from + count).toArray());
    }

    private static synchronized LabeledImages train() {
        if (train == null) {
            train = EmbeddedFashionMnist.load(FashionMnist.Split.TRAIN);
        }
        return train;
    }

    private static synchronized LabeledImages testImages() {
        if (test == null) {
            test = EmbeddedFashionMnist.load(FashionMnist.Split.TEST);
        }
        return test;
    }

    private static int positive(Properties p, String key, int dflt) {
        int v = Integer.parseInt(p.getProperty(key, Integer.toString(dflt)));
        if (v <= 0) {
            throw new IllegalArgumentException(key + " must be > 0, found " + v);
        }
        return v;
    }
}

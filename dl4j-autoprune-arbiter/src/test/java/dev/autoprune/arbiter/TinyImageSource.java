package dev.autoprune.arbiter;

import dev.autoprune.arbiter.data.PruningDataSource;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Properties;
import java.util.Random;

/**
 * Synthetic 1x8x8 images of three classes (class c lights up rows 2c..2c+2), split into training,
 * ratio-step and test sets: tiny, fast and learnable in a couple of epochs.
 */
public class TinyImageSource implements PruningDataSource {

    static final int SIZE = 8;
    static final int CLASSES = 3;
    /** Counts how often the ratio-step data was asked for, to prove the task uses it. */
    static final java.util.concurrent.atomic.AtomicInteger RATIO_REQUESTS = new java.util.concurrent.atomic.AtomicInteger();

    private int batch = 16;

    @Override
    public void configure(Properties properties) {
        batch = Integer.parseInt(properties.getProperty("batch", "16"));
    }

    @Override
    public Object trainData() {
        return iterator(96, 1);
    }

    @Override
    public Object testData() {
        return iterator(48, 2);
    }

    @Override
    public Object ratioStepData() {
        RATIO_REQUESTS.incrementAndGet();
        return iterator(32, 3);
    }

    @Override
    public Class<?> getDataType() {
        return DataSetIterator.class;
    }

    private DataSetIterator iterator(int n, long seed) {
        DataSet all = data(n, seed);
        List<DataSet> batches = all.batchBy(batch);
        return new ListDataSetIterator<>(batches, batch);
    }

    static DataSet data(int n, long seed) {
        Random r = new Random(seed);
        INDArray x = Nd4j.zeros(DataType.FLOAT, n, 1, SIZE, SIZE);
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, CLASSES);
        for (int i = 0; i < n; i++) {
            int c = i % CLASSES;
            y.putScalar(i, c, 1.0);
            for (int row = 0; row < SIZE; row++) {
                for (int col = 0; col < SIZE; col++) {
                    boolean lit = row >= 2 * c + 1 && row < 2 * c + 3;
                    x.putScalar(new long[] {i, 0, row, col}, (lit ? 0.8 : 0.1) + 0.1 * r.nextGaussian());
                }
            }
        }
        return new DataSet(x, y);
    }
}

package dev.autoprune.examples.data;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A DL4J {@link DataSetIterator} over {@link LabeledImages}.
 *
 * <p>Each batch has features {@code [batch, 1, rows, columns]} (float, pixel / 255, so in
 * {@code [0, 1]}) and one-hot labels {@code [batch, numClasses]}. Batches are built on demand from
 * the 8-bit pixels, so a 60,000-image set costs 47 MB of heap, not 188 MB. When shuffling, every
 * {@link #reset()} draws a new order from the seeded generator, so the sequence of epochs is
 * reproducible. Create one with {@link LabeledImages#iterator(BatchOptions)}.
 */
public final class LabeledImagesIterator implements DataSetIterator {

    private static final long serialVersionUID = 1L;

    /** The images iterated over. */
    private final transient LabeledImages data;
    /** Examples per batch. */
    private final int batchSize;
    /** The example indices in this epoch's order. */
    private final int[] order;
    /** Draws each epoch's order; {@code null} when not shuffling. */
    private final Random random;
    /** Position in {@link #order} of the next example. */
    private int cursor;
    /** Applied to every batch, or {@code null}. */
    private transient DataSetPreProcessor preProcessor;

    LabeledImagesIterator(LabeledImages data, BatchOptions options) {
        this.data = data;
        this.batchSize = options.batchSize();
        this.order = new int[data.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        this.random = options.shuffleSeed().isPresent()
                ? new Random(options.shuffleSeed().getAsLong()) : null;
        shuffle();
    }

    private void shuffle() {
        if (random == null) {
            return;
        }
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    /**
     * Returns the number of examples per epoch.
     *
     * @return the example count
     */
    public int numExamples() {
        return order.length;
    }

    @Override
    public boolean hasNext() {
        return cursor < order.length;
    }

    @Override
    public DataSet next() {
        return next(batchSize);
    }

    @Override
    public DataSet next(int num) {
        if (!hasNext()) {
            throw new NoSuchElementException("no more examples; call reset() to start a new epoch");
        }
        if (num <= 0) {
            throw new IllegalArgumentException("batch size must be positive, found " + num);
        }
        int n = Math.min(num, order.length - cursor);
        int item = data.rows() * data.columns();
        int classes = data.numClasses();
        float[] features = new float[n * item];
        float[] labels = new float[n * classes];
        for (int i = 0; i < n; i++) {
            int index = order[cursor + i];
            data.copyScaled(index, features, i * item);
            labels[i * classes + data.label(index)] = 1f;
        }
        cursor += n;
        INDArray f = Nd4j.create(features, new long[] {n, 1, data.rows(), data.columns()}, 'c');
        INDArray l = Nd4j.create(labels, new long[] {n, classes}, 'c');
        DataSet batch = new DataSet(f, l);
        if (preProcessor != null) {
            preProcessor.preProcess(batch);
        }
        return batch;
    }

    @Override
    public int inputColumns() {
        return data.rows() * data.columns();
    }

    @Override
    public int totalOutcomes() {
        return data.numClasses();
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return true;
    }

    @Override
    public void reset() {
        cursor = 0;
        shuffle();
    }

    @Override
    public int batch() {
        return batchSize;
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    @Override
    public List<String> getLabels() {
        return data.classNames();
    }
}

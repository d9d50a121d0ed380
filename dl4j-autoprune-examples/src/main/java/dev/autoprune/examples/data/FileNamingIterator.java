package dev.autoprune.examples.data;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Supplier;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * Wraps a file-reading {@link DataSetIterator} so that a failure while reading a batch names the
 * file being read: it is rethrown as an {@link UncheckedIOException} around a
 * {@link DataFileException}.
 */
final class FileNamingIterator implements DataSetIterator {

    private static final long serialVersionUID = 1L;

    private final DataSetIterator delegate;
    private final transient Supplier<String> currentFile;

    FileNamingIterator(DataSetIterator delegate, Supplier<String> currentFile) {
        this.delegate = delegate;
        this.currentFile = currentFile;
    }

    private UncheckedIOException named(RuntimeException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return new UncheckedIOException(new DataFileException(currentFile.get(),
                "cannot be read as an image (" + root + ")", e));
    }

    @Override
    public DataSet next(int num) {
        try {
            return delegate.next(num);
        } catch (RuntimeException e) {
            throw named(e);
        }
    }

    @Override
    public DataSet next() {
        try {
            return delegate.next();
        } catch (RuntimeException e) {
            throw named(e);
        }
    }

    @Override
    public boolean hasNext() {
        return delegate.hasNext();
    }

    @Override
    public int inputColumns() {
        return delegate.inputColumns();
    }

    @Override
    public int totalOutcomes() {
        return delegate.totalOutcomes();
    }

    @Override
    public boolean resetSupported() {
        return delegate.resetSupported();
    }

    @Override
    public boolean asyncSupported() {
        return delegate.asyncSupported();
    }

    @Override
    public void reset() {
        delegate.reset();
    }

    @Override
    public int batch() {
        return delegate.batch();
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        delegate.setPreProcessor(preProcessor);
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return delegate.getPreProcessor();
    }

    @Override
    public List<String> getLabels() {
        return delegate.getLabels();
    }
}

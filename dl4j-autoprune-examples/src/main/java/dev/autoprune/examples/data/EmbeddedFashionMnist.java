package dev.autoprune.examples.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The default data set shipped inside this module: a class-balanced subset of Fashion-MNIST,
 * {@value #TRAIN_PER_CLASS} training and {@value #TEST_PER_CLASS} test images per class (6,000 and
 * 1,000 images), so that the demo runs without any download.
 *
 * <p>The images are stored as gzip IDX resources under {@value #RESOURCE_DIRECTORY}, next to the
 * Fashion-MNIST MIT licence notice ({@value #LICENSE_RESOURCE}). They were picked from the full
 * data by {@link EmbeddedSubsetGenerator} with its fixed seed.
 *
 * <pre>{@code
 * DataSetIterator train = EmbeddedFashionMnist.train(64, 42);
 * DataSetIterator test = EmbeddedFashionMnist.test(256);
 * }</pre>
 */
public final class EmbeddedFashionMnist {

    /** The classpath folder holding the subset. */
    public static final String RESOURCE_DIRECTORY =
            "/dev/autoprune/examples/data/fashion-mnist-subset/";
    /** The classpath resource holding Fashion-MNIST's licence notice. */
    public static final String LICENSE_RESOURCE = RESOURCE_DIRECTORY + "LICENSE-fashion-mnist.txt";
    /** Training images per class. */
    public static final int TRAIN_PER_CLASS = 600;
    /** Test images per class. */
    public static final int TEST_PER_CLASS = 100;

    private EmbeddedFashionMnist() {
    }

    /**
     * Reads one split of the embedded subset.
     *
     * @param split which split
     * @return the images and labels
     * @throws IllegalStateException if the resources are missing from the classpath
     * @throws UncheckedIOException if they cannot be read (a {@link DataFileException} inside)
     */
    public static LabeledImages load(FashionMnist.Split split) {
        try {
            IdxArray images = read(split.imagesFile(), IdxReader.IMAGE_RANK);
            IdxArray labels = read(split.labelsFile(), IdxReader.LABEL_RANK);
            return LabeledImages.fromIdx(images, resource(split.imagesFile()), labels,
                    resource(split.labelsFile()), FashionMnist.CLASS_NAMES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Returns the embedded training images, shuffled with a seed at every epoch.
     *
     * @param batchSize examples per batch
     * @param seed the shuffling seed
     * @return a new iterator over 6,000 images
     */
    public static LabeledImagesIterator train(int batchSize, long seed) {
        return iterator(FashionMnist.Split.TRAIN,
                BatchOptions.builder().batchSize(batchSize).shuffle(seed).build());
    }

    /**
     * Returns the embedded test images in a fixed order.
     *
     * @param batchSize examples per batch
     * @return a new iterator over 1,000 images
     */
    public static LabeledImagesIterator test(int batchSize) {
        return iterator(FashionMnist.Split.TEST, BatchOptions.of(batchSize));
    }

    /**
     * Returns an iterator over one split with any options.
     *
     * @param split which split
     * @param options batch size, example limit and shuffling
     * @return a new iterator: features {@code [batch, 1, 28, 28]} in {@code [0, 1]}, one-hot
     *     labels over the 10 classes
     */
    public static LabeledImagesIterator iterator(FashionMnist.Split split, BatchOptions options) {
        return load(split).iterator(options);
    }

    private static String resource(String fileName) {
        return "classpath:" + RESOURCE_DIRECTORY + fileName;
    }

    private static IdxArray read(String fileName, int rank) throws IOException {
        String path = RESOURCE_DIRECTORY + fileName;
        try (InputStream in = EmbeddedFashionMnist.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("resource " + path + " is missing from the "
                        + "classpath; is the dl4j-autoprune-examples jar built with its resources?");
            }
            return IdxReader.read(in, resource(fileName), rank);
        }
    }
}

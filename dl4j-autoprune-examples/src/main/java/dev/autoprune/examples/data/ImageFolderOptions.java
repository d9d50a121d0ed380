package dev.autoprune.examples.data;

import java.nio.file.Path;

/**
 * How to read a folder of the user's own images: the root folder (one sub-folder per class), the
 * size and channels every image is resized to, the batch size, and an optional seeded train/test
 * split. Immutable; build with {@link #builder(Path)}.
 *
 * <pre>{@code
 * ImageFolderOptions options = ImageFolderOptions.builder(Path.of("photos"))
 *         .size(64, 64).channels(3).batchSize(32).split(0.8, 42).build();
 * }</pre>
 */
public final class ImageFolderOptions {

    /** The batch size when none is given. */
    public static final int DEFAULT_BATCH_SIZE = 32;
    /** The seed when none is given; it orders the examples even without a split. */
    public static final long DEFAULT_SEED = 42L;

    private final Path root;
    private final int height;
    private final int width;
    private final int channels;
    private final int batchSize;
    private final double trainFraction;
    private final long seed;

    private ImageFolderOptions(Builder b) {
        this.root = b.root;
        this.height = b.height;
        this.width = b.width;
        this.channels = b.channels;
        this.batchSize = b.batchSize;
        this.trainFraction = b.trainFraction;
        this.seed = b.seed;
    }

    /**
     * Returns a builder for a root folder, with the defaults: 28 x 28 pixels, 1 channel, batch
     * size {@value #DEFAULT_BATCH_SIZE}, no test split, seed {@value #DEFAULT_SEED}.
     *
     * @param root the folder holding one sub-folder per class
     * @return a new builder
     */
    public static Builder builder(Path root) {
        return new Builder(root);
    }

    /**
     * Returns the root folder.
     *
     * @return the folder holding one sub-folder per class
     */
    public Path root() {
        return root;
    }

    /**
     * Returns the height every image is resized to.
     *
     * @return pixels
     */
    public int height() {
        return height;
    }

    /**
     * Returns the width every image is resized to.
     *
     * @return pixels
     */
    public int width() {
        return width;
    }

    /**
     * Returns the number of channels every image is converted to.
     *
     * @return 1 (grey) or 3 (colour)
     */
    public int channels() {
        return channels;
    }

    /**
     * Returns the number of examples per batch.
     *
     * @return the batch size
     */
    public int batchSize() {
        return batchSize;
    }

    /**
     * Returns the fraction of each class used for training; the rest is the test split.
     *
     * @return in {@code (0, 1]}; 1 means no test split
     */
    public double trainFraction() {
        return trainFraction;
    }

    /**
     * Tells whether a test split is held out.
     *
     * @return true if {@link #trainFraction()} is below 1
     */
    public boolean hasTestSplit() {
        return trainFraction < 1.0;
    }

    /**
     * Returns the seed of the split and of the example order.
     *
     * @return the seed
     */
    public long seed() {
        return seed;
    }

    @Override
    public String toString() {
        return "ImageFolderOptions[root=" + root + ", " + height + "x" + width + "x" + channels
                + ", batchSize=" + batchSize + ", trainFraction=" + trainFraction + ", seed="
                + seed + "]";
    }

    /** Builds {@link ImageFolderOptions}, checking each value as it is set. */
    public static final class Builder {
        private final Path root;
        private int height = 28;
        private int width = 28;
        private int channels = 1;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private double trainFraction = 1.0;
        private long seed = DEFAULT_SEED;

        private Builder(Path root) {
            if (root == null) {
                throw new IllegalArgumentException("root must not be null");
            }
            this.root = root;
        }

        /**
         * Sets the size every image is resized to.
         *
         * @param height pixels, positive
         * @param width pixels, positive
         * @return this builder
         */
        public Builder size(int height, int width) {
            if (height <= 0) {
                throw new IllegalArgumentException("height must be positive, found " + height);
            }
            if (width <= 0) {
                throw new IllegalArgumentException("width must be positive, found " + width);
            }
            this.height = height;
            this.width = width;
            return this;
        }

        /**
         * Sets the number of channels every image is converted to.
         *
         * @param channels 1 (grey) or 3 (colour)
         * @return this builder
         */
        public Builder channels(int channels) {
            if (channels != 1 && channels != 3) {
                throw new IllegalArgumentException("channels must be 1 or 3, found " + channels);
            }
            this.channels = channels;
            return this;
        }

        /**
         * Sets the number of examples per batch.
         *
         * @param batchSize positive
         * @return this builder
         */
        public Builder batchSize(int batchSize) {
            if (batchSize <= 0) {
                throw new IllegalArgumentException("batchSize must be positive, found " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /**
         * Holds out a test split: each class is split on its own, so both splits hold every
         * class.
         *
         * @param trainFraction the fraction of each class used for training, in {@code (0, 1)}
         * @param seed the random seed of the split
         * @return this builder
         */
        public Builder split(double trainFraction, long seed) {
            if (!(trainFraction > 0.0 && trainFraction < 1.0)) {
                throw new IllegalArgumentException(
                        "trainFraction must be in (0, 1), found " + trainFraction);
            }
            this.trainFraction = trainFraction;
            this.seed = seed;
            return this;
        }

        /**
         * Sets the seed that orders the examples, without a split.
         *
         * @param seed the random seed
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the immutable options
         */
        public ImageFolderOptions build() {
            return new ImageFolderOptions(this);
        }
    }
}

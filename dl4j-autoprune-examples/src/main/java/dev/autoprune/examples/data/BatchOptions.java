package dev.autoprune.examples.data;

import java.util.OptionalLong;

/**
 * How to iterate over a data set: batch size, an optional limit on the number of examples, and
 * optional shuffling with a seed. Immutable; build with {@link #builder()} or {@link #of(int)}.
 *
 * <pre>{@code
 * BatchOptions options = BatchOptions.builder().batchSize(64).limit(5000).shuffle(42).build();
 * }</pre>
 */
public final class BatchOptions {

    /** The batch size when none is given. */
    public static final int DEFAULT_BATCH_SIZE = 64;

    private final int batchSize;
    private final int limit;
    private final OptionalLong shuffleSeed;

    private BatchOptions(Builder builder) {
        this.batchSize = builder.batchSize;
        this.limit = builder.limit;
        this.shuffleSeed = builder.shuffleSeed;
    }

    /**
     * Returns options with the given batch size, no limit and no shuffling.
     *
     * @param batchSize examples per batch, positive
     * @return the options
     */
    public static BatchOptions of(int batchSize) {
        return builder().batchSize(batchSize).build();
    }

    /**
     * Returns a builder with the defaults: batch size {@value #DEFAULT_BATCH_SIZE}, no limit, no
     * shuffling.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the number of examples per batch (the last batch may hold fewer).
     *
     * @return the batch size
     */
    public int batchSize() {
        return batchSize;
    }

    /**
     * Returns the maximum number of examples used, taken from the start of the data set.
     *
     * @return the limit, or 0 for all examples
     */
    public int limit() {
        return limit;
    }

    /**
     * Returns the shuffling seed, if the examples are shuffled. A shuffled iterator draws a new
     * order at every reset; the sequence of orders is fixed by the seed.
     *
     * @return the seed, or empty to keep the data set's order
     */
    public OptionalLong shuffleSeed() {
        return shuffleSeed;
    }

    @Override
    public String toString() {
        return "BatchOptions[batchSize=" + batchSize + ", limit=" + (limit == 0 ? "none" : limit)
                + ", shuffleSeed=" + (shuffleSeed.isPresent() ? shuffleSeed.getAsLong() : "none")
                + "]";
    }

    /** Builds {@link BatchOptions}, checking each value as it is set. */
    public static final class Builder {
        private int batchSize = DEFAULT_BATCH_SIZE;
        private int limit;
        private OptionalLong shuffleSeed = OptionalLong.empty();

        private Builder() {
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
         * Limits the number of examples, taken from the start of the data set.
         *
         * @param limit positive, or 0 for no limit
         * @return this builder
         */
        public Builder limit(int limit) {
            if (limit < 0) {
                throw new IllegalArgumentException(
                        "limit must be positive, or 0 for no limit, found " + limit);
            }
            this.limit = limit;
            return this;
        }

        /**
         * Shuffles the examples with the given seed.
         *
         * @param seed the random seed
         * @return this builder
         */
        public Builder shuffle(long seed) {
            this.shuffleSeed = OptionalLong.of(seed);
            return this;
        }

        /**
         * Keeps the data set's order (the default).
         *
         * @return this builder
         */
        public Builder noShuffle() {
            this.shuffleSeed = OptionalLong.empty();
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the immutable options
         */
        public BatchOptions build() {
            return new BatchOptions(this);
        }
    }
}

package dev.autoprune.examples.data;

import java.util.Arrays;

/**
 * An n-dimensional array of unsigned bytes as stored in an IDX file (the MNIST file format).
 *
 * <p>The first dimension counts items (images or labels); the remaining dimensions give the shape
 * of one item, for example {@code [60000, 28, 28]} for images and {@code [60000]} for labels.
 * Instances are immutable: the data are copied in and out.
 */
public final class IdxArray {

    private final int[] shape;
    private final byte[] data;

    /**
     * Creates an array from its shape and data (copied).
     *
     * @param shape the dimensions, at least one, none negative
     * @param data the values in row-major order; length must be the product of the dimensions
     * @throws IllegalArgumentException if the shape is empty or negative or does not match the data
     */
    public IdxArray(int[] shape, byte[] data) {
        this(shape, data, true);
    }

    private IdxArray(int[] shape, byte[] data, boolean copy) {
        if (copy) {
            shape = shape.clone();
            data = data.clone();
        }
        if (shape.length == 0) {
            throw new IllegalArgumentException("shape must have at least one dimension, found none");
        }
        long product = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException(
                        "dimensions must be non-negative, found " + Arrays.toString(shape));
            }
            product *= d;
        }
        if (product != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs "
                    + product + " values, found " + data.length);
        }
        this.shape = shape;
        this.data = data;
    }

    /** Wraps arrays that the caller hands over and never touches again (no copy). */
    static IdxArray wrap(int[] shape, byte[] data) {
        return new IdxArray(shape, data, false);
    }

    /**
     * Returns the number of dimensions.
     *
     * @return the rank, at least 1
     */
    public int rank() {
        return shape.length;
    }

    /**
     * Returns a copy of the dimensions.
     *
     * @return the shape
     */
    public int[] shape() {
        return shape.clone();
    }

    /**
     * Returns one dimension.
     *
     * @param index the dimension index, 0 for the item count
     * @return its size
     */
    public int dimension(int index) {
        return shape[index];
    }

    /**
     * Returns the number of items, the first dimension.
     *
     * @return the item count
     */
    public int count() {
        return shape[0];
    }

    /**
     * Returns the number of values in one item, the product of all dimensions but the first.
     *
     * @return values per item (1 for a label array)
     */
    public int itemSize() {
        int size = 1;
        for (int i = 1; i < shape.length; i++) {
            size *= shape[i];
        }
        return size;
    }

    /**
     * Returns a copy of the values in row-major order (as signed Java bytes; mask with 0xFF).
     *
     * @return the data
     */
    public byte[] data() {
        return data.clone();
    }

    /** The backing array, for this package's readers of large data sets; never modified. */
    byte[] sharedData() {
        return data;
    }

    @Override
    public String toString() {
        return "IdxArray" + Arrays.toString(shape);
    }
}

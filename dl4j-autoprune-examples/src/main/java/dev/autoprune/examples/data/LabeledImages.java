package dev.autoprune.examples.data;

import java.util.List;

/**
 * An in-memory, immutable set of single-channel 8-bit images with integer class labels, such as
 * one split of Fashion-MNIST.
 *
 * <p>Built from an IDX image file and an IDX label file with {@link #fromIdx}, which checks that
 * the two files agree (same count, labels within the class range) and names the file at fault
 * when they do not. {@link #iterator(BatchOptions)} turns it into a DL4J {@code DataSetIterator}.
 */
public final class LabeledImages {

    private final byte[] pixels;
    private final byte[] labels;
    private final int rows;
    private final int columns;
    private final List<String> classNames;

    private LabeledImages(byte[] pixels, byte[] labels, int rows, int columns,
            List<String> classNames) {
        this.pixels = pixels;
        this.labels = labels;
        this.rows = rows;
        this.columns = columns;
        this.classNames = List.copyOf(classNames);
    }

    /**
     * Pairs IDX images with IDX labels, checking that they belong together.
     *
     * @param images the images, rank 3 ({@code [count, rows, columns]})
     * @param imagesSource the images' file or resource, for error messages
     * @param labels the labels, rank 1 ({@code [count]})
     * @param labelsSource the labels' file or resource, for error messages
     * @param classNames the class names; every label must be an index into this list
     * @return the labelled images
     * @throws DataFileException if the ranks are wrong, the counts differ or a label is out of
     *     range; the message names the file at fault
     */
    public static LabeledImages fromIdx(IdxArray images, String imagesSource, IdxArray labels,
            String labelsSource, List<String> classNames) throws DataFileException {
        if (classNames.isEmpty()) {
            throw new IllegalArgumentException("classNames must not be empty");
        }
        if (images.rank() != IdxReader.IMAGE_RANK) {
            throw new DataFileException(imagesSource, "expected images of rank 3 "
                    + "(count x rows x columns), found rank " + images.rank());
        }
        if (labels.rank() != IdxReader.LABEL_RANK) {
            throw new DataFileException(labelsSource, "expected labels of rank 1 (count), found "
                    + "rank " + labels.rank());
        }
        if (images.count() != labels.count()) {
            throw new DataFileException(labelsSource, "holds " + labels.count()
                    + " labels but " + imagesSource + " holds " + images.count()
                    + " images; the two files must come from the same split");
        }
        byte[] labelData = labels.sharedData();
        for (int i = 0; i < labelData.length; i++) {
            int label = labelData[i] & 0xFF;
            if (label >= classNames.size()) {
                throw new DataFileException(labelsSource, "label " + label + " at index " + i
                        + " is outside the " + classNames.size() + " classes 0.."
                        + (classNames.size() - 1));
            }
        }
        return new LabeledImages(images.sharedData(), labelData, images.dimension(1),
                images.dimension(2), classNames);
    }

    /**
     * Returns the number of images.
     *
     * @return the image count
     */
    public int size() {
        return labels.length;
    }

    /**
     * Returns the image height.
     *
     * @return rows per image
     */
    public int rows() {
        return rows;
    }

    /**
     * Returns the image width.
     *
     * @return columns per image
     */
    public int columns() {
        return columns;
    }

    /**
     * Returns the class names, indexed by label.
     *
     * @return an unmodifiable list
     */
    public List<String> classNames() {
        return classNames;
    }

    /**
     * Returns the number of classes.
     *
     * @return {@code classNames().size()}
     */
    public int numClasses() {
        return classNames.size();
    }

    /**
     * Returns one image's label.
     *
     * @param index the image index
     * @return its class index, in {@code [0, numClasses())}
     */
    public int label(int index) {
        return labels[index] & 0xFF;
    }

    /**
     * Returns one pixel.
     *
     * @param index the image index
     * @param row the row
     * @param column the column
     * @return the pixel value, 0 to 255
     */
    public int pixel(int index, int row, int column) {
        if (row < 0 || row >= rows || column < 0 || column >= columns) {
            throw new IndexOutOfBoundsException("pixel (" + row + ", " + column
                    + ") outside " + rows + " x " + columns);
        }
        return pixels[(index * rows + row) * columns + column] & 0xFF;
    }

    /**
     * Counts the images of each class.
     *
     * @return the count per class index
     */
    public int[] classCounts() {
        int[] counts = new int[classNames.size()];
        for (byte label : labels) {
            counts[label & 0xFF]++;
        }
        return counts;
    }

    /**
     * Returns the first images, in order.
     *
     * @param count how many to keep; at most {@link #size()}
     * @return the first {@code count} images, or this set if it holds no more than that
     */
    public LabeledImages first(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be non-negative, found " + count);
        }
        if (count >= size()) {
            return this;
        }
        int[] indices = new int[count];
        for (int i = 0; i < count; i++) {
            indices[i] = i;
        }
        return select(indices);
    }

    /**
     * Returns the images at the given indices, in the given order.
     *
     * @param indices indices into this set; repeats are allowed
     * @return a new set
     * @throws IndexOutOfBoundsException if an index is out of range
     */
    public LabeledImages select(int[] indices) {
        int item = rows * columns;
        byte[] newPixels = new byte[indices.length * item];
        byte[] newLabels = new byte[indices.length];
        for (int i = 0; i < indices.length; i++) {
            int from = indices[i];
            if (from < 0 || from >= size()) {
                throw new IndexOutOfBoundsException("index " + from + " outside 0.." + (size() - 1));
            }
            System.arraycopy(pixels, from * item, newPixels, i * item, item);
            newLabels[i] = labels[from];
        }
        return new LabeledImages(newPixels, newLabels, rows, columns, classNames);
    }

    /**
     * Returns the images as an IDX array, shape {@code [size, rows, columns]}.
     *
     * @return the images, for {@link IdxWriter}
     */
    public IdxArray imagesAsIdx() {
        return IdxArray.wrap(new int[] {size(), rows, columns}, pixels);
    }

    /**
     * Returns the labels as an IDX array, shape {@code [size]}.
     *
     * @return the labels, for {@link IdxWriter}
     */
    public IdxArray labelsAsIdx() {
        return IdxArray.wrap(new int[] {size()}, labels);
    }

    /**
     * Returns a DL4J iterator over these images: features {@code [batch, 1, rows, columns]} as
     * floats in {@code [0, 1]} (pixel / 255), labels one-hot {@code [batch, numClasses]}.
     *
     * @param options batch size, example limit and shuffling
     * @return a new iterator
     */
    public LabeledImagesIterator iterator(BatchOptions options) {
        LabeledImages used = options.limit() > 0 ? first(options.limit()) : this;
        return new LabeledImagesIterator(used, options);
    }

    /** Copies one image's pixels, scaled to [0, 1], into {@code target} at {@code offset}. */
    void copyScaled(int index, float[] target, int offset) {
        int item = rows * columns;
        int base = index * item;
        for (int i = 0; i < item; i++) {
            target[offset + i] = (pixels[base + i] & 0xFF) / 255f;
        }
    }

    @Override
    public String toString() {
        return "LabeledImages[" + size() + " x " + rows + " x " + columns + ", "
                + classNames.size() + " classes]";
    }
}

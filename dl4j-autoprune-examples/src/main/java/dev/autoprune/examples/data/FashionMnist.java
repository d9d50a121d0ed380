package dev.autoprune.examples.data;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Fashion-MNIST (Xiao, Rasul and Vollgraf, 2017, Zalando Research, MIT licence): 70,000 grey
 * 28 x 28 images of clothing in 10 classes, read from a directory of IDX files.
 *
 * <p>The directory holds the four upstream files ({@code train-images-idx3-ubyte.gz},
 * {@code train-labels-idx1-ubyte.gz}, {@code t10k-images-idx3-ubyte.gz},
 * {@code t10k-labels-idx1-ubyte.gz}), gzip-compressed or un-gzipped under the same names without
 * {@code .gz}. {@link FashionMnistLocator} finds or downloads such a directory.
 *
 * <pre>{@code
 * Path dir = FashionMnistLocator.builder().build().locate();
 * DataSetIterator train = FashionMnist.iterator(dir, FashionMnist.Split.TRAIN,
 *         BatchOptions.builder().batchSize(64).shuffle(42).build());
 * }</pre>
 */
public final class FashionMnist {

    /** The class names, indexed by label. */
    public static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover",
            "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    /** The number of classes. */
    public static final int NUM_CLASSES = 10;
    /** Image height and width in pixels. */
    public static final int IMAGE_SIZE = 28;

    /** Where the Debian/Ubuntu package {@code dataset-fashion-mnist} installs the files. */
    public static final Path SYSTEM_DIRECTORY = Path.of("/usr/share/datasets/fashion-mnist");

    /** The upstream download location published by Zalando Research. */
    public static final URI UPSTREAM_BASE_URI =
            URI.create("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/");

    /**
     * The SHA-256 digests of the four upstream {@code .gz} files.
     *
     * <p>Upstream publishes MD5 digests only ({@code 8d4fb7e6c68d591d4c3dfef9ec88bf0d},
     * {@code 25c81989df183df01b3e8a0aad5dffbe}, {@code bef4ecab320f06d8554ea6380940ec79},
     * {@code bb300cfdad3c16e7a12a480ee83cd310}; sizes 26,421,880, 29,515, 4,422,102 and 5,148
     * bytes). These SHA-256 digests were computed offline from files with exactly those MD5
     * digests and sizes: the Debian package's files carry the same deflate data and contents, with
     * the gzip header's file name and time stamp (2017-08-31) removed; restoring that header gives
     * the upstream bytes.
     */
    public static final Map<String, Checksum> UPSTREAM_CHECKSUMS = Map.of(
            "train-images-idx3-ubyte.gz",
            Checksum.sha256("3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84"),
            "train-labels-idx1-ubyte.gz",
            Checksum.sha256("a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845"),
            "t10k-images-idx3-ubyte.gz",
            Checksum.sha256("346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073"),
            "t10k-labels-idx1-ubyte.gz",
            Checksum.sha256("67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5"));

    /** One of the two Fashion-MNIST splits and its files. */
    public enum Split {
        /** The 60,000 training images. */
        TRAIN("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"),
        /** The 10,000 test images. */
        TEST("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");

        private final String imagesFile;
        private final String labelsFile;

        Split(String imagesFile, String labelsFile) {
            this.imagesFile = imagesFile;
            this.labelsFile = labelsFile;
        }

        /**
         * Returns the gzip image file's name.
         *
         * @return e.g. {@code train-images-idx3-ubyte.gz}
         */
        public String imagesFile() {
            return imagesFile;
        }

        /**
         * Returns the gzip label file's name.
         *
         * @return e.g. {@code train-labels-idx1-ubyte.gz}
         */
        public String labelsFile() {
            return labelsFile;
        }
    }

    private FashionMnist() {
    }

    /**
     * Returns the names of the four files, training split first.
     *
     * @return the {@code .gz} file names
     */
    public static List<String> fileNames() {
        return List.of(Split.TRAIN.imagesFile, Split.TRAIN.labelsFile, Split.TEST.imagesFile,
                Split.TEST.labelsFile);
    }

    /**
     * Tells whether a directory holds all four files (gzip or un-gzipped).
     *
     * @param directory the directory
     * @return true if every file is present
     */
    public static boolean isComplete(Path directory) {
        for (String name : fileNames()) {
            if (!Files.isRegularFile(directory.resolve(name))
                    && !Files.isRegularFile(directory.resolve(stripGz(name)))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Finds one file in a directory: {@code name}, else {@code name} without {@code .gz}.
     *
     * @param directory the directory
     * @param name a {@code .gz} file name from {@link #fileNames()}
     * @return the existing file
     * @throws DataFileException if neither exists
     */
    static Path resolve(Path directory, String name) throws DataFileException {
        Path gz = directory.resolve(name);
        if (Files.isRegularFile(gz)) {
            return gz;
        }
        Path plain = directory.resolve(stripGz(name));
        if (Files.isRegularFile(plain)) {
            return plain;
        }
        String where = Files.isDirectory(directory) ? "" : " (the directory does not exist)";
        throw new DataFileException(gz.toString(), "no such file, nor " + plain.getFileName()
                + where + "; a Fashion-MNIST directory holds " + fileNames());
    }

    private static String stripGz(String name) {
        return name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
    }

    /**
     * Reads one split from a directory.
     *
     * @param directory a directory holding the split's two files
     * @param split which split
     * @return the images and labels
     * @throws DataFileException if a file is missing, unreadable or malformed, or the two files
     *     disagree; the message names the file
     */
    public static LabeledImages load(Path directory, Split split) throws DataFileException {
        Path images = resolve(directory, split.imagesFile);
        Path labels = resolve(directory, split.labelsFile);
        IdxArray imageArray = IdxReader.readImages(images);
        IdxArray labelArray = IdxReader.readLabels(labels);
        return LabeledImages.fromIdx(imageArray, images.toString(), labelArray, labels.toString(),
                CLASS_NAMES);
    }

    /**
     * Reads one split from a directory as a DL4J iterator: features {@code [batch, 1, 28, 28]} in
     * {@code [0, 1]}, one-hot labels over the 10 classes.
     *
     * @param directory a directory holding the split's two files
     * @param split which split
     * @param options batch size, example limit and shuffling
     * @return a new iterator
     * @throws IOException if a file is missing, unreadable or malformed (a
     *     {@link DataFileException} naming the file)
     */
    public static LabeledImagesIterator iterator(Path directory, Split split,
            BatchOptions options) throws IOException {
        return load(directory, split).iterator(options);
    }
}

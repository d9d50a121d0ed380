package dev.autoprune.examples.data;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.datavec.api.io.labels.ParentPathLabelGenerator;
import org.datavec.api.split.CollectionInputSplit;
import org.datavec.image.recordreader.ImageRecordReader;
import org.deeplearning4j.datasets.datavec.RecordReaderDataSetIterator;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.preprocessor.ImagePreProcessingScaler;

/**
 * The user's own images, one sub-folder per class, read through DataVec.
 *
 * <p>{@link #open} scans the folder ({@code root/<class>/<image>}; class names are the sub-folder
 * names in sorted order, label {@code i} is the {@code i}-th name), checks it, and splits each
 * class into train and test files with the seed. {@link #train()} and {@link #test()} then read
 * the images with DataVec's {@link ImageRecordReader} and {@link ParentPathLabelGenerator},
 * resized to the configured height, width and channels, scaled to {@code [0, 1]} by an
 * {@link ImagePreProcessingScaler}: features {@code [batch, channels, height, width]}, one-hot
 * labels.
 *
 * <p>Images are files ending in one of {@link #IMAGE_EXTENSIONS} (any case); other files and
 * hidden entries are ignored, and sub-folders are not searched. A missing root, a root without
 * class sub-folders, fewer than two classes, a class without images and unreadable files are
 * reported as {@link DataFileException}s naming the folder or file.
 */
public final class ImageFolderData {

    /** The file extensions read as images. */
    public static final Set<String> IMAGE_EXTENSIONS =
            Set.of("png", "jpg", "jpeg", "bmp", "gif", "tif", "tiff");

    private final ImageFolderOptions options;
    private final List<String> classNames;
    private final List<Path> trainFiles;
    private final List<Path> testFiles;

    private ImageFolderData(ImageFolderOptions options, List<String> classNames,
            List<Path> trainFiles, List<Path> testFiles) {
        this.options = options;
        this.classNames = List.copyOf(classNames);
        this.trainFiles = List.copyOf(trainFiles);
        this.testFiles = List.copyOf(testFiles);
    }

    /**
     * Scans and checks an image folder and splits it.
     *
     * @param options the folder, image size, batch size and split
     * @return the scanned folder
     * @throws DataFileException if the folder is missing, holds no class sub-folders or only
     *     one, a class holds no images (or too few to split), or a file cannot be read
     */
    public static ImageFolderData open(ImageFolderOptions options) throws DataFileException {
        Path root = options.root();
        if (!Files.exists(root)) {
            throw new DataFileException(root.toString(), "no such folder");
        }
        if (!Files.isDirectory(root)) {
            throw new DataFileException(root.toString(), "not a folder; expected a folder with "
                    + "one sub-folder per class");
        }
        List<Path> classFolders = list(root).stream().filter(Files::isDirectory).sorted().toList();
        if (classFolders.isEmpty()) {
            throw new DataFileException(root.toString(), "no class sub-folders; expected one "
                    + "sub-folder per class holding its images, e.g. "
                    + root.resolve("cat").resolve("001.png"));
        }
        if (classFolders.size() == 1) {
            throw new DataFileException(root.toString(), "only one class sub-folder ("
                    + classFolders.get(0).getFileName() + "); a classifier needs at least two");
        }
        Random random = new Random(options.seed());
        List<String> classNames = new ArrayList<>();
        List<Path> train = new ArrayList<>();
        List<Path> test = new ArrayList<>();
        for (Path folder : classFolders) {
            classNames.add(folder.getFileName().toString());
            List<Path> images = new ArrayList<>(imagesIn(folder));
            Collections.shuffle(images, random);
            int trainCount = images.size();
            if (options.hasTestSplit()) {
                if (images.size() < 2) {
                    throw new DataFileException(folder.toString(), "holds " + images.size()
                            + " image; a train/test split needs at least 2 per class");
                }
                trainCount = (int) Math.round(images.size() * options.trainFraction());
                trainCount = Math.max(1, Math.min(images.size() - 1, trainCount));
            }
            train.addAll(images.subList(0, trainCount));
            test.addAll(images.subList(trainCount, images.size()));
        }
        Collections.shuffle(train, random);
        Collections.shuffle(test, random);
        return new ImageFolderData(options, classNames, train, test);
    }

    private static List<Path> list(Path folder) throws DataFileException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(p -> !p.getFileName().toString().startsWith(".")).toList();
        } catch (IOException e) {
            throw new DataFileException(folder.toString(), "cannot be read (" + e + ")", e);
        }
    }

    private static List<Path> imagesIn(Path folder) throws DataFileException {
        // Not only regular files: a broken link named like an image is an error to report, not to skip.
        List<Path> images = list(folder).stream()
                .filter(p -> !Files.isDirectory(p))
                .filter(ImageFolderData::hasImageExtension)
                .sorted()
                .toList();
        if (images.isEmpty()) {
            throw new DataFileException(folder.toString(), "no image files; expected files "
                    + "ending in one of " + IMAGE_EXTENSIONS.stream().sorted().toList());
        }
        for (Path image : images) {
            if (!Files.exists(image)) {
                throw new DataFileException(image.toString(), "cannot be read (a link to a missing file)");
            }
            if (!Files.isReadable(image)) {
                throw new DataFileException(image.toString(), "cannot be read (permission denied)");
            }
        }
        return images;
    }

    private static boolean hasImageExtension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && IMAGE_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /**
     * Returns the options this folder was opened with.
     *
     * @return the options
     */
    public ImageFolderOptions options() {
        return options;
    }

    /**
     * Returns the class names, indexed by label: the sub-folder names, sorted.
     *
     * @return an unmodifiable list
     */
    public List<String> classNames() {
        return classNames;
    }

    /**
     * Returns the training images, in iteration order (shuffled with the seed).
     *
     * @return all images when there is no split
     */
    public List<Path> trainFiles() {
        return trainFiles;
    }

    /**
     * Returns the test images, in iteration order.
     *
     * @return empty when there is no split
     */
    public List<Path> testFiles() {
        return testFiles;
    }

    /**
     * Returns a new iterator over the training images.
     *
     * @return features {@code [batch, channels, height, width]} in {@code [0, 1]}, one-hot labels
     * @throws IOException if DataVec cannot open the files
     */
    public DataSetIterator train() throws IOException {
        return iterator(trainFiles);
    }

    /**
     * Returns a new iterator over the test images.
     *
     * @return features {@code [batch, channels, height, width]} in {@code [0, 1]}, one-hot labels
     * @throws IllegalStateException if the options hold no test split
     * @throws IOException if DataVec cannot open the files
     */
    public DataSetIterator test() throws IOException {
        if (!options.hasTestSplit()) {
            throw new IllegalStateException("no test split: build the options with "
                    + "split(trainFraction, seed)");
        }
        return iterator(testFiles);
    }

    private DataSetIterator iterator(List<Path> files) throws IOException {
        List<URI> uris = files.stream().map(Path::toUri).toList();
        ImageRecordReader reader = new ImageRecordReader(options.height(), options.width(),
                options.channels(), new ParentPathLabelGenerator());
        reader.initialize(new CollectionInputSplit(uris));
        if (!reader.getLabels().equals(classNames)) {
            throw new IllegalStateException("DataVec derived the labels " + reader.getLabels()
                    + " but the class folders are " + classNames);
        }
        DataSetIterator iterator = new FileNamingIterator(
                new RecordReaderDataSetIterator(reader, options.batchSize(), 1,
                        classNames.size()),
                () -> {
                    File current = reader.getCurrentFile();
                    return current == null ? options.root().toString() : current.toString();
                });
        iterator.setPreProcessor(new ImagePreProcessingScaler(0, 1));
        return iterator;
    }
}

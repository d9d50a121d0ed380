package dev.autoprune.examples.sweep;

import dev.autoprune.arbiter.data.PruningDataSource;
import dev.autoprune.examples.data.BatchOptions;
import dev.autoprune.examples.data.DataFileException;
import dev.autoprune.examples.data.EmbeddedFashionMnist;
import dev.autoprune.examples.data.FashionMnist;
import dev.autoprune.examples.data.ImageFolderData;
import dev.autoprune.examples.data.ImageFolderOptions;
import dev.autoprune.examples.data.LabeledImages;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.stream.IntStream;

/**
 * The data of a pruning sweep as an Arbiter data source, which Arbiter creates once per candidate from
 * its properties. Three sources, chosen by the property {@code source}:
 * <ul>
 *   <li>{@code embedded} (default): the embedded Fashion-MNIST subset;</li>
 *   <li>{@code fashion-mnist}: full Fashion-MNIST from the IDX files in {@code directory};</li>
 *   <li>{@code images}: one sub-folder per class in {@code directory}, resized to {@code height} x
 *       {@code width} with {@code channels} channels, split 80/20 into training and test images.</li>
 * </ul>
 * For the Fashion-MNIST sources the first {@code trainExamples} training images train the weights, the
 * next {@code ratioExamples} feed the listener's ratio steps (held out from the weights; 0 for none) and
 * the first {@code testExamples} test images score the candidates. An image folder has no held-out
 * part: its ratio steps use the training batches. Other properties: {@code batchSize} (64) and
 * {@code seed} (42).
 */
public class SweepData implements PruningDataSource {

    /** The property keys. */
    public static final String SOURCE = "source";
    /** Folder of the {@code fashion-mnist} and {@code images} sources. */
    public static final String DIRECTORY = "directory";
    /** Values of {@link #SOURCE}. */
    public static final String EMBEDDED = "embedded";
    /** Full Fashion-MNIST. */
    public static final String FASHION_MNIST = "fashion-mnist";
    /** An image folder. */
    public static final String IMAGES = "images";

    /** Loaded Fashion-MNIST splits, by source and split, shared by the candidates of a sweep. */
    private static final Map<String, LabeledImages> LOADED = new HashMap<>();

    private String source = EMBEDDED;
    private Path directory;
    private int batchSize = 64;
    private int trainExamples = 3000;
    private int ratioExamples = 1000;
    private int testExamples = 1000;
    private int channels = 1;
    private int height = FashionMnist.IMAGE_SIZE;
    private int width = FashionMnist.IMAGE_SIZE;
    private long seed = 42;

    /** For Arbiter, which creates data sources by class and then calls {@link #configure}. */
    public SweepData() {
    }

    @Override
    public void configure(Properties p) {
        source = p.getProperty(SOURCE, EMBEDDED);
        if (!source.equals(EMBEDDED) && !source.equals(FASHION_MNIST) && !source.equals(IMAGES)) {
            throw new IllegalArgumentException(SOURCE + " must be " + EMBEDDED + ", " + FASHION_MNIST + " or " + IMAGES
                    + ", found " + source);
        }
        if (!source.equals(EMBEDDED)) {
            String dir = p.getProperty(DIRECTORY);
            if (dir == null) {
                throw new IllegalArgumentException("source " + source + " needs the property " + DIRECTORY);
            }
            directory = Path.of(dir);
        }
        batchSize = positive(p, "batchSize", batchSize);
        trainExamples = positive(p, "trainExamples", trainExamples);
        ratioExamples = Integer.parseInt(p.getProperty("ratioExamples", Integer.toString(ratioExamples)));
        testExamples = positive(p, "testExamples", testExamples);
        channels = positive(p, "channels", channels);
        height = positive(p, "height", height);
        width = positive(p, "width", width);
        seed = Long.parseLong(p.getProperty("seed", Long.toString(seed)));
        if (ratioExamples < 0) {
            throw new IllegalArgumentException("ratioExamples must be >= 0, found " + ratioExamples);
        }
    }

    @Override
    public Object trainData() {
        if (source.equals(IMAGES)) {
            return imageIterator(true);
        }
        return range(split(FashionMnist.Split.TRAIN), 0, trainExamples)
                .iterator(BatchOptions.builder().batchSize(batchSize).shuffle(seed).build());
    }

    @Override
    public Object ratioStepData() {
        if (source.equals(IMAGES) || ratioExamples == 0) {
            return null;
        }
        return range(split(FashionMnist.Split.TRAIN), trainExamples, ratioExamples)
                .iterator(BatchOptions.builder().batchSize(batchSize).shuffle(seed + 1).build());
    }

    @Override
    public Object testData() {
        if (source.equals(IMAGES)) {
            return imageIterator(false);
        }
        LabeledImages test = split(FashionMnist.Split.TEST);
        return test.first(Math.min(testExamples, test.size())).iterator(BatchOptions.of(batchSize));
    }

    @Override
    public Class<?> getDataType() {
        return DataSetIterator.class;
    }

    private DataSetIterator imageIterator(boolean train) {
        try {
            ImageFolderData data = ImageFolderData.open(ImageFolderOptions.builder(directory).size(height, width)
                    .channels(channels).batchSize(batchSize).split(0.8, seed).build());
            return train ? data.train() : data.test();
        } catch (IOException e) {
            throw new UncheckedIOException("images in " + directory + " could not be read: " + e.getMessage(), e);
        }
    }

    private static LabeledImages range(LabeledImages images, int from, int count) {
        if (from + count > images.size()) {
            throw new IllegalArgumentException("trainExamples + ratioExamples must be <= " + images.size()
                    + " (the training images), found " + from + " + " + count);
        }
        return images.select(IntStream.range(from, from + count).toArray());
    }

    private LabeledImages split(FashionMnist.Split split) {
        String key = source + ":" + directory + ":" + split;
        synchronized (LOADED) {
            LabeledImages images = LOADED.get(key);
            if (images == null) {
                images = source.equals(EMBEDDED) ? EmbeddedFashionMnist.load(split) : load(directory, split);
                LOADED.put(key, images);
            }
            return images;
        }
    }

    private static LabeledImages load(Path directory, FashionMnist.Split split) {
        try {
            return FashionMnist.load(directory, split);
        } catch (DataFileException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    private static int positive(Properties p, String key, int dflt) {
        int v = Integer.parseInt(p.getProperty(key, Integer.toString(dflt)));
        if (v <= 0) {
            throw new IllegalArgumentException(key + " must be > 0, found " + v);
        }
        return v;
    }
}

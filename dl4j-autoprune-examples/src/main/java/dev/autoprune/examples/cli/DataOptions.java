package dev.autoprune.examples.cli;

import dev.autoprune.examples.data.BatchOptions;
import dev.autoprune.examples.data.DataFileException;
import dev.autoprune.examples.data.EmbeddedFashionMnist;
import dev.autoprune.examples.data.FashionMnist;
import dev.autoprune.examples.data.FashionMnistLocator;
import dev.autoprune.examples.data.ImageFiles;
import dev.autoprune.examples.data.ImageFolderData;
import dev.autoprune.examples.data.ImageFolderOptions;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Where {@code prune} reads its data: the embedded Fashion-MNIST subset (default), full
 * Fashion-MNIST from a folder of IDX files ({@code --fashion-mnist[=DIR]}, without a folder: the
 * Debian package folder, the cache, or a verified download), or the user's own images, one
 * sub-folder per class ({@code --images DIR}, read through DataVec and split 80/20).
 */
public final class DataOptions {

    /**
     * Training and test data.
     *
     * @param folder the folder read ({@code --fashion-mnist}'s, found or downloaded, or {@code --images}), or
     *     null for the embedded subset
     */
    record Splits(DataSetIterator train, DataSetIterator test, String description, Path folder) {
    }

    @Option(names = "--fashion-mnist", paramLabel = "DIR", arity = "0..1", fallbackValue = "",
            preprocessor = OptionalFolderValue.class,
            description = "Full Fashion-MNIST from this folder of IDX .gz files (--fashion-mnist=DIR or "
                    + "--fashion-mnist DIR; a .zip after it is MODEL, not DIR); without DIR: "
                    + "/usr/share/datasets/fashion-mnist, ~/.autoprune/fashion-mnist, or a verified download.")
    String fashionMnist;

    @Option(names = "--images", paramLabel = "DIR",
            description = "Your own images: one sub-folder per class, resized to --input-shape (default 1x28x28), "
                    + "80%% train / 20%% test; every image is checked before training.")
    Path images;

    /**
     * Opens the chosen data.
     *
     * @param batch minibatch size
     * @param seed shuffling seed
     * @param imageType the image shape for {@code --images}, or null for 1x28x28
     * @param limit the most Fashion-MNIST training images ({@code prune --limit}), 0 for all
     * @return the splits
     * @throws CliException for a usage error or unreadable data, naming the option or file
     */
    Splits open(int batch, long seed, InputType imageType, int limit) {
        if (fashionMnist != null && images != null) {
            throw CliException.usage("--fashion-mnist and --images exclude each other; choose one data source");
        }
        if (limit < 0) {
            throw CliException.usage("--limit must be >= 0, found " + limit);
        }
        BatchOptions.Builder trainOptions = BatchOptions.builder().batchSize(batch).shuffle(seed);
        if (limit > 0) {
            trainOptions.limit(limit);
        }
        try {
            if (images != null) {
                return imageFolder(batch, seed, imageType);
            }
            if (fashionMnist != null) {
                FashionMnistLocator.Builder locator = FashionMnistLocator.builder();
                if (!fashionMnist.isEmpty()) {
                    locator.directory(Path.of(fashionMnist));
                }
                Path dir = locator.build().locate();
                return new Splits(FashionMnist.iterator(dir, FashionMnist.Split.TRAIN, trainOptions.build()),
                        FashionMnist.iterator(dir, FashionMnist.Split.TEST, BatchOptions.of(256)),
                        "Fashion-MNIST from " + dir, dir);
            }
            return new Splits(EmbeddedFashionMnist.iterator(FashionMnist.Split.TRAIN, trainOptions.build()),
                    EmbeddedFashionMnist.test(256), "the embedded Fashion-MNIST subset", null);
        } catch (DataFileException e) {
            throw CliException.input(e.getMessage(), e);
        } catch (IOException e) {
            throw CliException.input("data could not be read: " + ModelFile.oneLine(e), e);
        }
    }

    private Splits imageFolder(int batch, long seed, InputType imageType) throws IOException {
        int c = 1;
        int h = 28;
        int w = 28;
        if (imageType instanceof InputType.InputTypeConvolutional t) {
            c = (int) t.getChannels();
            h = (int) t.getHeight();
            w = (int) t.getWidth();
        } else if (imageType != null) {
            throw CliException.usage("--images needs an image --input-shape CxHxW, found " + imageType);
        }
        if (c != 1 && c != 3) {
            throw CliException.usage("--images reads grey (1) or colour (3) channels; --input-shape has " + c);
        }
        ImageFolderData data = ImageFolderData.open(ImageFolderOptions.builder(images).size(h, w).channels(c)
                .batchSize(batch).split(0.8, seed).build());
        ImageFiles.verify(data.trainFiles());
        ImageFiles.verify(data.testFiles());
        return new Splits(data.train(), data.test(), "images in " + images + " (" + data.classNames().size()
                + " classes)", images);
    }
}

package dev.autoprune.examples.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Builds the class-balanced Fashion-MNIST subset that {@link EmbeddedFashionMnist} ships, from the
 * full data, deterministically.
 *
 * <p>Run from the repository root:
 * <pre>
 * mvn -q -o compile dependency:build-classpath -pl dl4j-autoprune-examples -Dmdep.outputFile=cp.txt
 * java -cp "dl4j-autoprune-examples/target/classes:$(cat dl4j-autoprune-examples/cp.txt)" \
 *     dev.autoprune.examples.data.EmbeddedSubsetGenerator [FASHION_MNIST_DIR [OUTPUT_DIR]]
 * </pre>
 * The defaults are {@code /usr/share/datasets/fashion-mnist} and
 * {@value #DEFAULT_OUTPUT_DIRECTORY}. The same input and {@link #SEED} always give byte-identical
 * output files, so the committed resource can be checked by regenerating it.
 */
public final class EmbeddedSubsetGenerator {

    /** The seed that picks the embedded subset (Fashion-MNIST's release date). */
    public static final long SEED = 20170825L;
    /** The default output, relative to the repository root. */
    public static final String DEFAULT_OUTPUT_DIRECTORY =
            "dl4j-autoprune-examples/src/main/resources/dev/autoprune/examples/data/"
            + "fashion-mnist-subset";

    private EmbeddedSubsetGenerator() {
    }

    /**
     * Picks {@code perClass} random images of every class, keeping their original order.
     *
     * @param full the data to pick from
     * @param perClass images per class, positive
     * @param seed the random seed
     * @return a subset with exactly {@code perClass} images of each class
     * @throws IllegalArgumentException if a class has fewer than {@code perClass} images
     */
    public static LabeledImages balancedSubset(LabeledImages full, int perClass, long seed) {
        if (perClass <= 0) {
            throw new IllegalArgumentException("perClass must be positive, found " + perClass);
        }
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < full.numClasses(); c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < full.size(); i++) {
            byClass.get(full.label(i)).add(i);
        }
        Random random = new Random(seed);
        int[] chosen = new int[perClass * full.numClasses()];
        int next = 0;
        for (int c = 0; c < full.numClasses(); c++) {
            List<Integer> indices = byClass.get(c);
            if (indices.size() < perClass) {
                throw new IllegalArgumentException("class " + c + " (" + full.classNames().get(c)
                        + ") has " + indices.size() + " images, fewer than perClass = "
                        + perClass);
            }
            Collections.shuffle(indices, random);
            for (int k = 0; k < perClass; k++) {
                chosen[next++] = indices.get(k);
            }
        }
        Arrays.sort(chosen);
        return full.select(chosen);
    }

    /**
     * Writes the subset of one split as two gzip IDX files named like the upstream files.
     *
     * @param full the full split
     * @param split which split, for the file names
     * @param perClass images per class
     * @param outputDirectory where to write
     * @throws IOException if writing fails
     */
    public static void writeSubset(LabeledImages full, FashionMnist.Split split, int perClass,
            Path outputDirectory) throws IOException {
        LabeledImages subset = balancedSubset(full, perClass, SEED);
        Files.createDirectories(outputDirectory);
        IdxWriter.write(outputDirectory.resolve(split.imagesFile()), subset.imagesAsIdx(), true);
        IdxWriter.write(outputDirectory.resolve(split.labelsFile()), subset.labelsAsIdx(), true);
    }

    /**
     * Builds the embedded subset.
     *
     * @param args optional: the Fashion-MNIST directory, then the output directory
     * @throws IOException if reading or writing fails
     */
    public static void main(String[] args) throws IOException {
        Path source = args.length > 0 ? Path.of(args[0]) : FashionMnist.SYSTEM_DIRECTORY;
        Path output = Path.of(args.length > 1 ? args[1] : DEFAULT_OUTPUT_DIRECTORY);
        writeSubset(FashionMnist.load(source, FashionMnist.Split.TRAIN), FashionMnist.Split.TRAIN,
                EmbeddedFashionMnist.TRAIN_PER_CLASS, output);
        writeSubset(FashionMnist.load(source, FashionMnist.Split.TEST), FashionMnist.Split.TEST,
                EmbeddedFashionMnist.TEST_PER_CLASS, output);
        for (String name : FashionMnist.fileNames()) {
            Path file = output.resolve(name);
            System.out.println(file + "  " + Files.size(file) + " bytes");
        }
    }
}

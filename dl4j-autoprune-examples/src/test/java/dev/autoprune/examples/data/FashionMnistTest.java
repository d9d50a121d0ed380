package dev.autoprune.examples.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

class FashionMnistTest {

    @TempDir
    Path dir;

    @Test
    void loadsBothSplitsFromGzipFiles() throws IOException {
        IdxFixtures.fashionDirectory(dir, 23, 11, true);
        assertTrue(FashionMnist.isComplete(dir));
        LabeledImages train = FashionMnist.load(dir, FashionMnist.Split.TRAIN);
        LabeledImages test = FashionMnist.load(dir, FashionMnist.Split.TEST);
        assertEquals(23, train.size());
        assertEquals(11, test.size());
        assertEquals(28, train.rows());
        assertEquals(FashionMnist.CLASS_NAMES, train.classNames());
        assertEquals(3, train.label(13));
        assertEquals((2 * 7 + 5 * 28 + 6) % 256, train.pixel(2, 5, 6));
    }

    @Test
    void acceptsUngzippedFiles() throws IOException {
        IdxFixtures.fashionDirectory(dir, 5, 4, false);
        assertTrue(FashionMnist.isComplete(dir));
        assertEquals(4, FashionMnist.load(dir, FashionMnist.Split.TEST).size());
    }

    @Test
    void iteratorBatchesFeaturesAndOneHotLabels() throws IOException {
        IdxFixtures.fashionDirectory(dir, 23, 11, true);
        LabeledImagesIterator it = FashionMnist.iterator(dir, FashionMnist.Split.TRAIN,
                BatchOptions.of(10));
        assertEquals(784, it.inputColumns());
        assertEquals(10, it.totalOutcomes());
        assertEquals(FashionMnist.CLASS_NAMES, it.getLabels());
        List<Integer> sizes = new ArrayList<>();
        DataSet first = null;
        while (it.hasNext()) {
            DataSet batch = it.next();
            if (first == null) {
                first = batch;
            }
            sizes.add(batch.numExamples());
        }
        assertEquals(List.of(10, 10, 3), sizes);
        INDArray f = first.getFeatures();
        assertArrayEquals(new long[] {10, 1, 28, 28}, f.shape());
        assertEquals(DataType.FLOAT, f.dataType());
        assertEquals(((3 * 7 + 4 * 28 + 9) % 256) / 255f, f.getFloat(3, 0, 4, 9), 1e-7);
        assertTrue(f.minNumber().floatValue() >= 0f && f.maxNumber().floatValue() <= 1f);
        assertEquals(1f, f.maxNumber().floatValue(), 1e-7);
        INDArray labels = first.getLabels();
        assertArrayEquals(new long[] {10, 10}, labels.shape());
        for (int i = 0; i < 10; i++) {
            assertEquals(1.0, labels.getRow(i).sumNumber().doubleValue(), 0);
            assertEquals(1f, labels.getFloat(i, i % 10));
        }
        it.reset();
        assertTrue(it.hasNext());
        assertEquals(10, it.next().numExamples());
    }

    @Test
    void limitKeepsTheFirstExamples() throws IOException {
        IdxFixtures.fashionDirectory(dir, 23, 11, true);
        LabeledImagesIterator it = FashionMnist.iterator(dir, FashionMnist.Split.TRAIN,
                BatchOptions.builder().batchSize(100).limit(7).build());
        assertEquals(7, it.numExamples());
        DataSet all = it.next();
        assertEquals(7, all.numExamples());
        assertFalse(it.hasNext());
        assertEquals(6f, all.getLabels().argMax(1).getFloat(6));
    }

    @Test
    void shuffleIsSeededAndReshufflesEachEpoch() throws IOException {
        IdxFixtures.fashionDirectory(dir, 40, 5, true);
        LabeledImages train = FashionMnist.load(dir, FashionMnist.Split.TRAIN);
        List<Integer> a = firstPixels(train.iterator(BatchOptions.builder().batchSize(8)
                .shuffle(1).build()));
        List<Integer> a2 = firstPixels(train.iterator(BatchOptions.builder().batchSize(8)
                .shuffle(1).build()));
        List<Integer> b = firstPixels(train.iterator(BatchOptions.builder().batchSize(8)
                .shuffle(2).build()));
        List<Integer> unshuffled = firstPixels(train.iterator(BatchOptions.of(8)));
        assertEquals(a, a2);
        assertNotEquals(a, b);
        assertNotEquals(a, unshuffled);
        assertEquals(new HashSet<>(unshuffled), new HashSet<>(a));
        assertEquals(40, new HashSet<>(a).size());

        LabeledImagesIterator it = train.iterator(BatchOptions.builder().batchSize(8)
                .shuffle(1).build());
        List<Integer> epoch1 = firstPixels(it);
        it.reset();
        List<Integer> epoch2 = firstPixels(it);
        assertNotEquals(epoch1, epoch2);
        assertEquals(new HashSet<>(epoch1), new HashSet<>(epoch2));
    }

    /** The first pixel of every example, in iteration order: a fingerprint of the image. */
    private static List<Integer> firstPixels(LabeledImagesIterator it) {
        List<Integer> out = new ArrayList<>();
        while (it.hasNext()) {
            DataSet batch = it.next();
            for (int i = 0; i < batch.numExamples(); i++) {
                out.add(Math.round(batch.getFeatures().getFloat(i, 0, 0, 0) * 255f));
            }
        }
        return out;
    }

    @Test
    void missingFileIsNamed() throws IOException {
        IdxFixtures.fashionDirectory(dir, 5, 4, true);
        Files.delete(dir.resolve("t10k-labels-idx1-ubyte.gz"));
        assertFalse(FashionMnist.isComplete(dir));
        DataFileException e = assertThrows(DataFileException.class,
                () -> FashionMnist.load(dir, FashionMnist.Split.TEST));
        assertEquals(dir.resolve("t10k-labels-idx1-ubyte.gz").toString(), e.source());
        assertTrue(e.getMessage().contains("no such file, nor t10k-labels-idx1-ubyte"),
                e.getMessage());
    }

    @Test
    void labelAndImageCountMismatchNamesBothFiles() throws IOException {
        IdxFixtures.fashionDirectory(dir, 12, 4, true);
        IdxWriter.write(dir.resolve("train-labels-idx1-ubyte.gz"), IdxFixtures.labels(11, 10),
                true);
        DataFileException e = assertThrows(DataFileException.class,
                () -> FashionMnist.load(dir, FashionMnist.Split.TRAIN));
        assertEquals(dir.resolve("train-labels-idx1-ubyte.gz") + ": holds 11 labels but "
                + dir.resolve("train-images-idx3-ubyte.gz") + " holds 12 images; the two files "
                + "must come from the same split", e.getMessage());
    }

    @Test
    void labelOutOfRangeNamesTheLabelFile() throws IOException {
        IdxFixtures.fashionDirectory(dir, 12, 4, true);
        IdxWriter.write(dir.resolve("t10k-labels-idx1-ubyte.gz"),
                new IdxArray(new int[] {4}, new byte[] {0, 1, 10, 2}), true);
        DataFileException e = assertThrows(DataFileException.class,
                () -> FashionMnist.load(dir, FashionMnist.Split.TEST));
        assertTrue(e.getMessage().startsWith(dir.resolve("t10k-labels-idx1-ubyte.gz")
                + ": label 10 at index 2 is outside the 10 classes 0..9"), e.getMessage());
    }

    @Test
    void swappedFilesAreReportedAsWrongMagic() throws IOException {
        IdxFixtures.fashionDirectory(dir, 5, 4, true);
        Path images = dir.resolve("train-images-idx3-ubyte.gz");
        Files.copy(dir.resolve("train-labels-idx1-ubyte.gz"), images,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        DataFileException e = assertThrows(DataFileException.class,
                () -> FashionMnist.load(dir, FashionMnist.Split.TRAIN));
        assertEquals(images.toString(), e.source());
        assertTrue(e.getMessage().contains("wrong magic number"), e.getMessage());
    }

    @Test
    void upstreamChecksumsCoverEveryFile() {
        assertEquals(Set.copyOf(FashionMnist.fileNames()),
                FashionMnist.UPSTREAM_CHECKSUMS.keySet());
        FashionMnist.UPSTREAM_CHECKSUMS.values()
                .forEach(c -> assertEquals("SHA-256", c.algorithm()));
        assertEquals(FashionMnist.NUM_CLASSES, FashionMnist.CLASS_NAMES.size());
    }

    /** Runs only where the Debian package dataset-fashion-mnist is installed. */
    @Test
    void realDataWhenInstalled() throws IOException {
        assumeTrue(FashionMnist.isComplete(FashionMnist.SYSTEM_DIRECTORY),
                "dataset-fashion-mnist is not installed");
        LabeledImages test = FashionMnist.load(FashionMnist.SYSTEM_DIRECTORY,
                FashionMnist.Split.TEST);
        assertEquals(10_000, test.size());
        assertEquals(28, test.columns());
        for (int count : test.classCounts()) {
            assertEquals(1000, count);
        }
    }
}

package dev.autoprune.examples.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

class ImageFolderDataTest {

    @TempDir
    Path root;

    /**
     * Writes {@code count} PNGs of 20 x 16 pixels into {@code root/className}: "black" images are
     * all black, "white" ones all white, "half" ones white on the left half only.
     */
    private Path writeClass(String className, int count, Color left, Color right)
            throws IOException {
        Path folder = Files.createDirectories(root.resolve(className));
        for (int i = 0; i < count; i++) {
            BufferedImage image = new BufferedImage(20, 16, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            g.setColor(left);
            g.fillRect(0, 0, 10, 16);
            g.setColor(right);
            g.fillRect(10, 0, 10, 16);
            g.dispose();
            assertTrue(ImageIO.write(image, "png", folder.resolve(className + i + ".png").toFile()));
        }
        return folder;
    }

    private void writeThreeClasses(int perClass) throws IOException {
        writeClass("black", perClass, Color.BLACK, Color.BLACK);
        writeClass("half", perClass, Color.WHITE, Color.BLACK);
        writeClass("white", perClass, Color.WHITE, Color.WHITE);
    }

    private static DataFileException failure(ImageFolderOptions options) {
        return assertThrows(DataFileException.class, () -> ImageFolderData.open(options));
    }

    @Test
    void readsResizesAndScalesWithParentFolderLabels() throws IOException {
        writeThreeClasses(4);
        Files.writeString(root.resolve("white").resolve("notes.txt"), "not an image");
        ImageFolderData data = ImageFolderData.open(ImageFolderOptions.builder(root)
                .size(8, 10).channels(1).batchSize(5).build());
        assertEquals(List.of("black", "half", "white"), data.classNames());
        assertEquals(12, data.trainFiles().size());
        assertEquals(List.of(), data.testFiles());

        DataSetIterator it = data.train();
        int seen = 0;
        while (it.hasNext()) {
            DataSet batch = it.next();
            INDArray f = batch.getFeatures();
            assertEquals(8, f.size(2));
            assertEquals(10, f.size(3));
            assertEquals(1, f.size(1));
            for (int i = 0; i < batch.numExamples(); i++) {
                int label = batch.getLabels().getRow(i).argMax().getInt(0);
                String expectedClass = data.trainFiles().get(seen).getParent().getFileName()
                        .toString();
                assertEquals(expectedClass, data.classNames().get(label));
                double left = f.getDouble(i, 0, 4, 1);
                double right = f.getDouble(i, 0, 4, 8);
                switch (expectedClass) {
                    case "black" -> assertArrayEquals(new double[] {0, 0},
                            new double[] {left, right}, 1e-6);
                    case "white" -> assertArrayEquals(new double[] {1, 1},
                            new double[] {left, right}, 1e-6);
                    default -> assertArrayEquals(new double[] {1, 0},
                            new double[] {left, right}, 1e-6);
                }
                seen++;
            }
        }
        assertEquals(12, seen);
        it.reset();
        assertEquals(5, it.next().numExamples());
    }

    @Test
    void colourImagesGiveThreeChannels() throws IOException {
        writeClass("red", 2, Color.RED, Color.RED);
        writeClass("blue", 2, Color.BLUE, Color.BLUE);
        ImageFolderData data = ImageFolderData.open(ImageFolderOptions.builder(root)
                .size(6, 6).channels(3).batchSize(4).build());
        DataSet batch = data.train().next();
        assertArrayEquals(new long[] {4, 3, 6, 6}, batch.getFeatures().shape());
        assertEquals(1.0, batch.getFeatures().maxNumber().doubleValue(), 1e-6);
        assertEquals(0.0, batch.getFeatures().minNumber().doubleValue(), 1e-6);
    }

    @Test
    void seededSplitKeepsEveryClassOnBothSides() throws IOException {
        writeThreeClasses(5);
        ImageFolderOptions options = ImageFolderOptions.builder(root).size(8, 8).batchSize(100)
                .split(0.6, 3).build();
        ImageFolderData data = ImageFolderData.open(options);
        assertEquals(9, data.trainFiles().size());
        assertEquals(6, data.testFiles().size());
        HashSet<Path> all = new HashSet<>(data.trainFiles());
        all.addAll(data.testFiles());
        assertEquals(15, all.size());
        DataSet test = data.test().next();
        assertEquals(6, test.numExamples());
        assertArrayEquals(new double[] {2, 2, 2}, test.getLabels().sum(0).toDoubleVector(), 0);

        assertEquals(data.testFiles(), ImageFolderData.open(options).testFiles());
        assertNotEquals(data.testFiles(), ImageFolderData.open(ImageFolderOptions.builder(root)
                .split(0.6, 4).build()).testFiles());
    }

    @Test
    void testWithoutSplitIsRefused() throws IOException {
        writeThreeClasses(1);
        ImageFolderData data = ImageFolderData.open(ImageFolderOptions.builder(root).build());
        assertThrows(IllegalStateException.class, data::test);
    }

    @Test
    void missingRoot() {
        Path absent = root.resolve("absent");
        DataFileException e = failure(ImageFolderOptions.builder(absent).build());
        assertEquals(absent + ": no such folder", e.getMessage());
    }

    @Test
    void rootIsAFile() throws IOException {
        Path file = Files.writeString(root.resolve("file.png"), "x");
        assertTrue(failure(ImageFolderOptions.builder(file).build()).getMessage()
                .startsWith(file + ": not a folder"));
    }

    @Test
    void emptyRootHasNoClassFolders() {
        DataFileException e = failure(ImageFolderOptions.builder(root).build());
        assertEquals(root.toString(), e.source());
        assertTrue(e.getMessage().contains("no class sub-folders"), e.getMessage());
    }

    @Test
    void imagesDirectlyUnderRootAreNotClasses() throws IOException {
        writeClass("only", 2, Color.BLACK, Color.BLACK);
        DataFileException e = failure(ImageFolderOptions.builder(root).build());
        assertEquals(root + ": only one class sub-folder (only); a classifier needs at least two",
                e.getMessage());
    }

    @Test
    void emptyClassFolderIsNamed() throws IOException {
        writeThreeClasses(2);
        Path empty = Files.createDirectories(root.resolve("empty"));
        Files.writeString(empty.resolve("readme.txt"), "no pictures here");
        DataFileException e = failure(ImageFolderOptions.builder(root).build());
        assertEquals(empty.toString(), e.source());
        assertTrue(e.getMessage().contains("no image files"), e.getMessage());
    }

    @Test
    void classTooSmallToSplit() throws IOException {
        writeThreeClasses(3);
        Path single = writeClass("single", 1, Color.GRAY, Color.GRAY);
        DataFileException e = failure(ImageFolderOptions.builder(root).split(0.8, 1).build());
        assertEquals(single + ": holds 1 image; a train/test split needs at least 2 per class",
                e.getMessage());
    }

    @Test
    void unreadableImageIsNamed() throws IOException {
        // A link to a file that vanished: listed like an image, but unreadable even for root (file
        // permissions do not stop root, so they cannot test this path in CI).
        writeThreeClasses(2);
        Path image = root.resolve("half").resolve("half1.png");
        Files.delete(image);
        Files.createSymbolicLink(image, root.resolve("vanished.png"));
        DataFileException e = failure(ImageFolderOptions.builder(root).build());
        assertEquals(image.toString(), e.source());
        assertTrue(e.getMessage().contains("cannot be read"), e.getMessage());
    }

    @Test
    void corruptImageIsNamedWhenRead() throws IOException {
        writeThreeClasses(2);
        Path corrupt = root.resolve("white").resolve("broken.png");
        Files.write(corrupt, new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        ImageFolderData data = ImageFolderData.open(ImageFolderOptions.builder(root)
                .batchSize(1).build());
        DataSetIterator it = data.train();
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> {
            while (it.hasNext()) {
                it.next();
            }
        });
        DataFileException cause = assertInstanceOf(DataFileException.class, e.getCause());
        assertEquals(corrupt.toString(), cause.source());
    }

    @Test
    void optionsValidation() {
        ImageFolderOptions.Builder b = ImageFolderOptions.builder(root);
        assertEquals("channels must be 1 or 3, found 2", assertThrows(
                IllegalArgumentException.class, () -> b.channels(2)).getMessage());
        assertEquals("height must be positive, found 0", assertThrows(
                IllegalArgumentException.class, () -> b.size(0, 5)).getMessage());
        assertEquals("trainFraction must be in (0, 1), found 1.0", assertThrows(
                IllegalArgumentException.class, () -> b.split(1.0, 1)).getMessage());
        assertEquals("batchSize must be positive, found -1", assertThrows(
                IllegalArgumentException.class, () -> b.batchSize(-1)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> ImageFolderOptions.builder(null));
    }
}

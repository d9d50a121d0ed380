package dev.autoprune.examples.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes tiny fake IDX data sets for the tests. */
public final class IdxFixtures {

    private IdxFixtures() {
    }

    /** Image {@code i} has every pixel equal to {@code (i * 7 + pixelIndex) % 256}. */
    static IdxArray images(int count, int rows, int columns) {
        byte[] data = new byte[count * rows * columns];
        for (int i = 0; i < count; i++) {
            for (int p = 0; p < rows * columns; p++) {
                data[i * rows * columns + p] = (byte) ((i * 7 + p) % 256);
            }
        }
        return new IdxArray(new int[] {count, rows, columns}, data);
    }

    /** Label {@code i} is {@code i % classes}. */
    static IdxArray labels(int count, int classes) {
        byte[] data = new byte[count];
        for (int i = 0; i < count; i++) {
            data[i] = (byte) (i % classes);
        }
        return new IdxArray(new int[] {count}, data);
    }

    /** Writes a fake Fashion-MNIST directory: 28 x 28 images, labels cycling through 10 classes. */
    public static Path fashionDirectory(Path dir, int trainCount, int testCount, boolean gzip)
            throws IOException {
        Files.createDirectories(dir);
        writeSplit(dir, FashionMnist.Split.TRAIN, trainCount, gzip);
        writeSplit(dir, FashionMnist.Split.TEST, testCount, gzip);
        return dir;
    }

    static void writeSplit(Path dir, FashionMnist.Split split, int count, boolean gzip)
            throws IOException {
        IdxWriter.write(dir.resolve(name(split.imagesFile(), gzip)), images(count, 28, 28), gzip);
        IdxWriter.write(dir.resolve(name(split.labelsFile(), gzip)), labels(count, 10), gzip);
    }

    static String name(String gzName, boolean gzip) {
        return gzip ? gzName : gzName.substring(0, gzName.length() - 3);
    }

    /** The IDX bytes of an array, uncompressed. */
    static byte[] plainBytes(IdxArray array) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        IdxWriter.write(out, array);
        return out.toByteArray();
    }
}

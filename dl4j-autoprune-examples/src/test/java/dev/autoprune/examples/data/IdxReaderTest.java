package dev.autoprune.examples.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

    @TempDir
    Path dir;

    private DataFileException failure(Path file, int rank) {
        DataFileException e = assertThrows(DataFileException.class,
                () -> IdxReader.read(file, rank));
        assertTrue(e.getMessage().startsWith(file.toString() + ": "), e.getMessage());
        assertEquals(file.toString(), e.source());
        return e;
    }

    @Test
    void roundTripsGzipAndPlain() throws IOException {
        IdxArray images = IdxFixtures.images(3, 4, 5);
        for (boolean gzip : new boolean[] {true, false}) {
            Path file = dir.resolve("images" + gzip);
            IdxWriter.write(file, images, gzip);
            IdxArray back = IdxReader.readImages(file);
            assertArrayEquals(new int[] {3, 4, 5}, back.shape());
            assertArrayEquals(images.data(), back.data());
        }
        byte[] gz = Files.readAllBytes(dir.resolve("imagestrue"));
        assertEquals(0x1f, gz[0] & 0xFF);
        assertEquals(0x8b, gz[1] & 0xFF);
    }

    @Test
    void gzipOutputIsReproducible() throws IOException {
        IdxWriter.write(dir.resolve("a.gz"), IdxFixtures.images(5, 28, 28), true);
        IdxWriter.write(dir.resolve("b.gz"), IdxFixtures.images(5, 28, 28), true);
        assertArrayEquals(Files.readAllBytes(dir.resolve("a.gz")),
                Files.readAllBytes(dir.resolve("b.gz")));
    }

    @Test
    void detectsCompressionFromContentNotName() throws IOException {
        Path file = dir.resolve("labels.gz");
        Files.write(file, IdxFixtures.plainBytes(IdxFixtures.labels(7, 3)));
        IdxArray labels = IdxReader.readLabels(file);
        assertEquals(7, labels.count());
        assertEquals(1, labels.itemSize());
        assertEquals(2, labels.data()[5]);
    }

    @Test
    void headerAndDataOfAKnownFile() throws IOException {
        Path file = dir.resolve("tiny");
        Files.write(file, new byte[] {0, 0, 8, 2, 0, 0, 0, 2, 0, 0, 0, 3, 1, 2, 3, 4, 5, (byte) 250});
        IdxArray a = IdxReader.read(file);
        assertArrayEquals(new int[] {2, 3}, a.shape());
        assertEquals(3, a.itemSize());
        assertEquals(250, a.data()[5] & 0xFF);
    }

    @Test
    void missingFile() {
        assertTrue(failure(dir.resolve("absent.gz"), 0).getMessage().contains("no such file"));
    }

    @Test
    void directoryInsteadOfFile() {
        assertTrue(failure(dir, 0).getMessage().contains("is a directory"));
    }

    @Test
    void fileThatCannotBeOpenedIsNamed() throws IOException {
        // A socket file exists and is no directory, but opening it for reading fails even for root
        // (file permissions do not stop root, so they cannot test this path in CI).
        Path socket = dir.resolve("socket");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            DataFileException e = failure(socket, 0);
            assertTrue(e.getMessage().contains("cannot be read"), e.getMessage());
            assertEquals(socket.toString(), e.source());
        }
    }

    @Test
    void pathThroughAFileCannotBeRead() throws IOException {
        Path notADirectory = Files.write(dir.resolve("plain"), new byte[] {1});
        String message = failure(notADirectory.resolve("child.gz"), 0).getMessage();
        assertTrue(message.contains("cannot be read"), message);
    }

    @Test
    void emptyFile() throws IOException {
        Path file = Files.createFile(dir.resolve("empty"));
        assertTrue(failure(file, 0).getMessage().contains("empty file"));
    }

    @Test
    void wrongMagicNumber() throws IOException {
        Path file = dir.resolve("picture.png");
        Files.write(file, new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10});
        String message = failure(file, 3).getMessage();
        assertTrue(message.contains("not an IDX file: magic number 0x89504E47"), message);
    }

    @Test
    void unsupportedDataType() throws IOException {
        Path file = dir.resolve("floats");
        Files.write(file, new byte[] {0, 0, 0x0D, 1, 0, 0, 0, 1, 0, 0, 0, 0});
        String message = failure(file, 0).getMessage();
        assertTrue(message.contains("unsupported IDX data type 0x0D"), message);
    }

    @Test
    void labelFileWhereImagesAreExpected() throws IOException {
        Path file = dir.resolve("train-labels-idx1-ubyte.gz");
        IdxWriter.write(file, IdxFixtures.labels(4, 2), true);
        String message = failure(file, IdxReader.IMAGE_RANK).getMessage();
        assertTrue(message.contains("wrong magic number 0x00000801: expected 0x00000803"), message);
        DataFileException viaReadImages =
                assertThrows(DataFileException.class, () -> IdxReader.readImages(file));
        assertEquals(message, viaReadImages.getMessage());
    }

    @Test
    void truncatedHeader() throws IOException {
        Path file = dir.resolve("short-header");
        Files.write(file, new byte[] {0, 0, 8, 3, 0, 0, 0, 2, 0, 0});
        String message = failure(file, 3).getMessage();
        assertTrue(message.contains("truncated IDX header: 3 dimensions announced"), message);
    }

    @Test
    void truncatedPlainData() throws IOException {
        byte[] full = IdxFixtures.plainBytes(IdxFixtures.images(3, 2, 2));
        Path file = dir.resolve("cut");
        Files.write(file, Arrays.copyOf(full, full.length - 7));
        String message = failure(file, 3).getMessage();
        assertTrue(message.contains("truncated: the header announces 3 x 2 x 2 = 12 bytes of data"
                + " but only 5 follow"), message);
    }

    @Test
    void truncatedGzipStream() throws IOException {
        Path whole = dir.resolve("whole.gz");
        IdxWriter.write(whole, IdxFixtures.images(50, 28, 28), true);
        byte[] gz = Files.readAllBytes(whole);
        Path file = dir.resolve("cut.gz");
        Files.write(file, Arrays.copyOf(gz, gz.length / 2));
        String message = failure(file, 3).getMessage();
        assertTrue(message.contains("truncated or corrupt gzip data"), message);
    }

    @Test
    void corruptGzipStream() throws IOException {
        Path whole = dir.resolve("whole.gz");
        IdxWriter.write(whole, IdxFixtures.images(50, 28, 28), true);
        byte[] gz = Files.readAllBytes(whole);
        for (int i = 20; i < 60; i++) {
            gz[i] = (byte) 0xFF;
        }
        Path file = dir.resolve("garbled.gz");
        Files.write(file, gz);
        String message = failure(file, 3).getMessage();
        assertTrue(message.contains("corrupt gzip data"), message);
    }

    @Test
    void trailingBytes() throws IOException {
        byte[] full = IdxFixtures.plainBytes(IdxFixtures.labels(4, 2));
        Path file = dir.resolve("long");
        Files.write(file, Arrays.copyOf(full, full.length + 3));
        String message = failure(file, 1).getMessage();
        assertTrue(message.contains("unexpected bytes after the 4 bytes of data"), message);
    }

    @Test
    void arrayValidatesShape() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new IdxArray(new int[] {2, 3}, new byte[5]));
        assertEquals("shape [2, 3] needs 6 values, found 5", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new IdxArray(new int[0], new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> new IdxArray(new int[] {-1}, new byte[0]));
    }
}

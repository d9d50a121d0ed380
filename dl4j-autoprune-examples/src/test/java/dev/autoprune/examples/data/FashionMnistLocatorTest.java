package dev.autoprune.examples.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistLocatorTest {

    @TempDir
    Path root;

    private FashionMnistLocator.Builder isolated() {
        return FashionMnistLocator.builder()
                .systemDirectory(root.resolve("system"))
                .cacheDirectory(root.resolve("cache"))
                .download(false);
    }

    @Test
    void userDirectoryWins() throws IOException {
        Path user = IdxFixtures.fashionDirectory(root.resolve("user"), 3, 2, true);
        IdxFixtures.fashionDirectory(root.resolve("system"), 3, 2, true);
        assertEquals(user, isolated().directory(user).build().locate());
    }

    @Test
    void incompleteUserDirectoryNamesTheMissingFile() throws IOException {
        Path user = IdxFixtures.fashionDirectory(root.resolve("user"), 3, 2, true);
        IdxFixtures.fashionDirectory(root.resolve("system"), 3, 2, true);
        Files.delete(user.resolve("train-labels-idx1-ubyte.gz"));
        DataFileException e = assertThrows(DataFileException.class,
                () -> isolated().directory(user).download(true).build().locate());
        assertEquals(user.resolve("train-labels-idx1-ubyte.gz").toString(), e.source());
    }

    @Test
    void systemDirectoryThenCache() throws IOException {
        Path cache = IdxFixtures.fashionDirectory(root.resolve("cache"), 3, 2, false);
        assertEquals(cache, isolated().build().locate());
        Path system = IdxFixtures.fashionDirectory(root.resolve("system"), 3, 2, true);
        assertEquals(system, isolated().build().locate());
    }

    @Test
    void nothingFoundAndNoDownloadIsAClearError() {
        DataFileException e = assertThrows(DataFileException.class,
                () -> isolated().build().locate());
        assertTrue(e.getMessage().contains("downloading is switched off"), e.getMessage());
        assertTrue(e.getMessage().contains("dataset-fashion-mnist"), e.getMessage());
    }

    @Test
    void downloadsIntoTheCacheFromAMirror() throws IOException {
        Path fake = IdxFixtures.fashionDirectory(root.resolve("fake-upstream"), 6, 4, true);
        Map<String, Checksum> table = new HashMap<>();
        try (LocalHttpServer server = new LocalHttpServer()) {
            for (String name : FashionMnist.fileNames()) {
                byte[] bytes = Files.readAllBytes(fake.resolve(name));
                server.serve(name, bytes);
                table.put(name, Checksum.sha256Of(bytes));
            }
            FashionMnistLocator locator = isolated().download(true).baseUri(server.baseUri())
                    .checksums(table).build();
            Path found = locator.locate();
            assertEquals(root.resolve("cache"), found);
            assertEquals(4, server.requests());
            assertEquals(6, FashionMnist.load(found, FashionMnist.Split.TRAIN).size());
            assertEquals(found, locator.locate());
            assertEquals(4, server.requests());
        }
    }

    @Test
    void tamperedMirrorLeavesTheCacheIncomplete() throws IOException {
        Path fake = IdxFixtures.fashionDirectory(root.resolve("fake-upstream"), 6, 4, true);
        Map<String, Checksum> table = new HashMap<>();
        try (LocalHttpServer server = new LocalHttpServer()) {
            for (String name : FashionMnist.fileNames()) {
                byte[] bytes = Files.readAllBytes(fake.resolve(name));
                table.put(name, Checksum.sha256Of(bytes));
                if (name.startsWith("t10k-images")) {
                    bytes[bytes.length - 1] ^= 1;
                }
                server.serve(name, bytes);
            }
            FashionMnistLocator locator = isolated().download(true).baseUri(server.baseUri())
                    .checksums(table).build();
            DataFileException e = assertThrows(DataFileException.class, locator::locate);
            assertEquals(server.baseUri() + "t10k-images-idx3-ubyte.gz", e.source());
            assertFalse(Files.exists(root.resolve("cache/t10k-images-idx3-ubyte.gz")));
            assertFalse(FashionMnist.isComplete(root.resolve("cache")));
        }
    }

    @Test
    void checksumTableMustCoverTheFourFiles() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FashionMnistLocator.builder().checksums(Map.of()));
        assertTrue(e.getMessage().startsWith("checksums must cover train-images-idx3-ubyte.gz"),
                e.getMessage());
    }

    @Test
    void defaults() {
        FashionMnistLocator locator = FashionMnistLocator.builder().build();
        assertEquals(FashionMnist.SYSTEM_DIRECTORY, locator.systemDirectory());
        assertEquals(Path.of(System.getProperty("user.home"), ".autoprune", "fashion-mnist"),
                locator.cacheDirectory());
        assertTrue(locator.downloadAllowed());
        assertFalse(locator.userDirectory().isPresent());
    }
}

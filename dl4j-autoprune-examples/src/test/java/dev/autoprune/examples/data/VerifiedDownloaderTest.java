package dev.autoprune.examples.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifiedDownloaderTest {

    private static final byte[] GOOD = "the real file".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EVIL = "a tampered file".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path cache;

    private LocalHttpServer server;
    private VerifiedDownloader downloader;

    @BeforeEach
    void start() throws IOException {
        server = new LocalHttpServer();
        downloader = new VerifiedDownloader(server.baseUri(), Map.of(
                "good.bin", Checksum.sha256Of(GOOD),
                "tampered.bin", Checksum.sha256Of(GOOD),
                "missing.bin", Checksum.sha256Of(GOOD)));
        server.serve("good.bin", GOOD);
        server.serve("tampered.bin", EVIL);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private List<Path> cacheContents() throws IOException {
        try (Stream<Path> files = Files.list(cache)) {
            return files.toList();
        }
    }

    @Test
    void downloadsVerifiesAndLeavesNoTemporaryFile() throws IOException {
        Path target = cache.resolve("sub");
        Path file = downloader.fetch("good.bin", target);
        assertEquals(target.resolve("good.bin"), file);
        assertArrayEquals(GOOD, Files.readAllBytes(file));
        try (Stream<Path> files = Files.list(target)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void badChecksumIsAClearErrorAndLeavesNothing() throws IOException {
        DataFileException e = assertThrows(DataFileException.class,
                () -> downloader.fetch("tampered.bin", cache));
        assertEquals(server.baseUri() + "tampered.bin", e.source());
        assertTrue(e.getMessage().contains("checksum mismatch: expected SHA-256 "
                + Checksum.sha256Of(GOOD).hex() + ", got " + Checksum.sha256Of(EVIL).hex()),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("the download was discarded"), e.getMessage());
        assertEquals(List.of(), cacheContents());
    }

    @Test
    void httpErrorNamesTheUrlAndStatus() throws IOException {
        DataFileException e = assertThrows(DataFileException.class,
                () -> downloader.fetch("missing.bin", cache));
        assertEquals(server.baseUri() + "missing.bin: download failed with HTTP status 404",
                e.getMessage());
        assertEquals(List.of(), cacheContents());
    }

    @Test
    void unreachableServerIsAClearError() throws IOException {
        server.close();
        DataFileException e = assertThrows(DataFileException.class,
                () -> downloader.fetch("good.bin", cache));
        assertTrue(e.getMessage().startsWith(server.baseUri() + "good.bin: cannot download"),
                e.getMessage());
        assertEquals(List.of(), cacheContents());
    }

    @Test
    void verifiedFileIsNotDownloadedAgainButAWrongOneIsReplaced() throws IOException {
        downloader.fetch("good.bin", cache);
        assertEquals(1, server.requests());
        downloader.fetch("good.bin", cache);
        assertEquals(1, server.requests());

        Files.write(cache.resolve("good.bin"), EVIL);
        downloader.fetch("good.bin", cache);
        assertEquals(2, server.requests());
        assertArrayEquals(GOOD, Files.readAllBytes(cache.resolve("good.bin")));
    }

    @Test
    void refusesFilesWithoutAChecksum() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> downloader.fetch("unknown.bin", cache));
        assertTrue(e.getMessage().startsWith("no checksum for \"unknown.bin\""), e.getMessage());
        assertEquals(0, server.requests());
    }

    @Test
    void baseUriGetsATrailingSlash() {
        VerifiedDownloader d = new VerifiedDownloader(URI.create("http://127.0.0.1:1/x"), Map.of());
        assertEquals(URI.create("http://127.0.0.1:1/x/"), d.baseUri());
    }
}

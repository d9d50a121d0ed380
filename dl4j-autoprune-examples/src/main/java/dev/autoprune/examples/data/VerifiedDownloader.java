package dev.autoprune.examples.data;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;

/**
 * Downloads named files from a base URI into a directory, accepting a file only when its checksum
 * matches a fixed table.
 *
 * <p>Each file is written to a temporary file in the target directory, verified, then moved into
 * place atomically; a failed or interrupted download, or one with the wrong checksum, leaves
 * nothing behind under the final name. A file already present with the right checksum is not
 * downloaded again; one with the wrong checksum is replaced. Files without an entry in the table
 * are refused: nothing unverified is ever written.
 */
public final class VerifiedDownloader {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(10);

    private final URI baseUri;
    private final Map<String, Checksum> checksums;
    private final HttpClient client;

    /**
     * Creates a downloader.
     *
     * @param baseUri the URI the file names are resolved against; a trailing slash is added when
     *     missing
     * @param checksums the expected checksum of every file that may be downloaded, by file name
     */
    public VerifiedDownloader(URI baseUri, Map<String, Checksum> checksums) {
        String base = baseUri.toString();
        this.baseUri = URI.create(base.endsWith("/") ? base : base + "/");
        this.checksums = Map.copyOf(checksums);
        this.client = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /**
     * Returns the base URI.
     *
     * @return the URI the file names are resolved against, ending in a slash
     */
    public URI baseUri() {
        return baseUri;
    }

    /**
     * Returns the checksum table.
     *
     * @return the expected checksum by file name, unmodifiable
     */
    public Map<String, Checksum> checksums() {
        return checksums;
    }

    /**
     * Makes sure {@code directory/fileName} exists with the expected checksum, downloading it if
     * it is absent or wrong.
     *
     * @param fileName a file name from the checksum table
     * @param directory the target directory, created if absent
     * @return the verified file
     * @throws IllegalArgumentException if the file has no checksum in the table
     * @throws DataFileException if the download fails or gives the wrong checksum; the message
     *     names the URL
     * @throws IOException if the directory cannot be written
     */
    public Path fetch(String fileName, Path directory) throws IOException {
        Checksum expected = checksums.get(fileName);
        if (expected == null) {
            throw new IllegalArgumentException("no checksum for \"" + fileName
                    + "\"; refusing to download an unverified file (known: "
                    + checksums.keySet() + ")");
        }
        Path target = directory.resolve(fileName);
        if (Files.isRegularFile(target) && expected.matches(target)) {
            return target;
        }
        Files.createDirectories(directory);
        URI uri = baseUri.resolve(fileName);
        Path temp = Files.createTempFile(directory, "." + fileName + ".", ".part");
        try {
            download(uri, temp);
            String actual = expected.digestOf(temp);
            if (!actual.equals(expected.hex())) {
                throw new DataFileException(uri.toString(), "checksum mismatch: expected "
                        + expected + ", got " + actual + " (" + Files.size(temp)
                        + " bytes); the download was discarded");
            }
            moveIntoPlace(temp, target);
            return target;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private void download(URI uri, Path temp) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).GET().build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataFileException(uri.toString(), "download interrupted", e);
        } catch (IOException e) {
            throw new DataFileException(uri.toString(), "cannot download (" + e
                    + "); is this machine offline?", e);
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new DataFileException(uri.toString(),
                        "download failed with HTTP status " + response.statusCode());
            }
            Files.copy(body, temp, StandardCopyOption.REPLACE_EXISTING);
        } catch (DataFileException e) {
            throw e;
        } catch (IOException e) {
            throw new DataFileException(uri.toString(), "download broke off (" + e + ")", e);
        }
    }

    private static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}

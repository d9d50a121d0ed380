package dev.autoprune.examples.data;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Finds a directory holding Fashion-MNIST, downloading the files when they are nowhere to be
 * found.
 *
 * <p>The search order is:
 * <ol>
 *   <li>the user's directory, if one was given; it must hold the four files, nothing is
 *       downloaded into it;</li>
 *   <li>the system directory, by default {@code /usr/share/datasets/fashion-mnist} (Debian/Ubuntu
 *       package {@code dataset-fashion-mnist});</li>
 *   <li>the cache directory, by default {@code ~/.autoprune/fashion-mnist};</li>
 *   <li>if downloading is allowed (the default), the missing files are downloaded into the cache
 *       directory from {@link FashionMnist#UPSTREAM_BASE_URI}, each verified against
 *       {@link FashionMnist#UPSTREAM_CHECKSUMS} (see {@link VerifiedDownloader}).</li>
 * </ol>
 * Immutable; build with {@link #builder()}. The base URI and checksum table can be replaced, for
 * a mirror or a test server.
 */
public final class FashionMnistLocator {

    private final Optional<Path> userDirectory;
    private final Path systemDirectory;
    private final Path cacheDirectory;
    private final boolean download;
    private final URI baseUri;
    private final Map<String, Checksum> checksums;

    private FashionMnistLocator(Builder b) {
        this.userDirectory = b.userDirectory;
        this.systemDirectory = b.systemDirectory;
        this.cacheDirectory = b.cacheDirectory;
        this.download = b.download;
        this.baseUri = b.baseUri;
        this.checksums = Map.copyOf(b.checksums);
    }

    /**
     * Returns a builder with the defaults described on this class.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the default cache directory, {@code ~/.autoprune/fashion-mnist}.
     *
     * @return the directory under the user's home
     */
    public static Path defaultCacheDirectory() {
        return Path.of(System.getProperty("user.home"), ".autoprune", "fashion-mnist");
    }

    /**
     * Finds (or downloads) the data.
     *
     * @return a directory holding the four Fashion-MNIST files
     * @throws DataFileException if the user's directory lacks a file (naming it), or the data are
     *     nowhere and cannot be downloaded (naming the URL and the reason)
     * @throws IOException if the cache directory cannot be written
     */
    public Path locate() throws IOException {
        if (userDirectory.isPresent()) {
            Path dir = userDirectory.get();
            for (String name : FashionMnist.fileNames()) {
                FashionMnist.resolve(dir, name);
            }
            return dir;
        }
        if (FashionMnist.isComplete(systemDirectory)) {
            return systemDirectory;
        }
        if (FashionMnist.isComplete(cacheDirectory)) {
            return cacheDirectory;
        }
        if (!download) {
            throw new DataFileException(cacheDirectory.toString(), "Fashion-MNIST not found here "
                    + "nor in " + systemDirectory + ", and downloading is switched off; install "
                    + "the package dataset-fashion-mnist or give a directory holding "
                    + FashionMnist.fileNames());
        }
        VerifiedDownloader downloader = new VerifiedDownloader(baseUri, checksums);
        for (String name : FashionMnist.fileNames()) {
            downloader.fetch(name, cacheDirectory);
        }
        return cacheDirectory;
    }

    /**
     * Returns the user's directory.
     *
     * @return the directory that overrides the search, if given
     */
    public Optional<Path> userDirectory() {
        return userDirectory;
    }

    /**
     * Returns the system directory searched second.
     *
     * @return the system directory
     */
    public Path systemDirectory() {
        return systemDirectory;
    }

    /**
     * Returns the cache directory searched third and downloaded into.
     *
     * @return the cache directory
     */
    public Path cacheDirectory() {
        return cacheDirectory;
    }

    /**
     * Tells whether missing data may be downloaded.
     *
     * @return true if downloading is allowed
     */
    public boolean downloadAllowed() {
        return download;
    }

    /** Builds a {@link FashionMnistLocator}. */
    public static final class Builder {
        private Optional<Path> userDirectory = Optional.empty();
        private Path systemDirectory = FashionMnist.SYSTEM_DIRECTORY;
        private Path cacheDirectory = defaultCacheDirectory();
        private boolean download = true;
        private URI baseUri = FashionMnist.UPSTREAM_BASE_URI;
        private Map<String, Checksum> checksums = FashionMnist.UPSTREAM_CHECKSUMS;

        private Builder() {
        }

        /**
         * Uses the given directory and nothing else.
         *
         * @param directory a directory holding the four files, or {@code null} to search
         * @return this builder
         */
        public Builder directory(Path directory) {
            this.userDirectory = Optional.ofNullable(directory);
            return this;
        }

        /**
         * Replaces the system directory searched second.
         *
         * @param directory the directory
         * @return this builder
         */
        public Builder systemDirectory(Path directory) {
            this.systemDirectory = require(directory, "systemDirectory");
            return this;
        }

        /**
         * Replaces the cache directory.
         *
         * @param directory the directory
         * @return this builder
         */
        public Builder cacheDirectory(Path directory) {
            this.cacheDirectory = require(directory, "cacheDirectory");
            return this;
        }

        /**
         * Allows or forbids downloading.
         *
         * @param allowed whether missing data may be downloaded (default true)
         * @return this builder
         */
        public Builder download(boolean allowed) {
            this.download = allowed;
            return this;
        }

        /**
         * Replaces the download location (a mirror, or a test server).
         *
         * @param uri the base URI the four file names are resolved against
         * @return this builder
         */
        public Builder baseUri(URI uri) {
            this.baseUri = require(uri, "baseUri");
            return this;
        }

        /**
         * Replaces the checksum table; it must cover the four file names.
         *
         * @param table expected checksum by file name
         * @return this builder
         */
        public Builder checksums(Map<String, Checksum> table) {
            require(table, "checksums");
            for (String name : FashionMnist.fileNames()) {
                if (!table.containsKey(name)) {
                    throw new IllegalArgumentException("checksums must cover " + name
                            + ", found only " + table.keySet());
                }
            }
            this.checksums = table;
            return this;
        }

        /**
         * Builds the locator.
         *
         * @return the immutable locator
         */
        public FashionMnistLocator build() {
            return new FashionMnistLocator(this);
        }

        private static <T> T require(T value, String field) {
            if (value == null) {
                throw new IllegalArgumentException(field + " must not be null");
            }
            return value;
        }
    }
}

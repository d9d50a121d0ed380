package dev.autoprune.examples.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes output files so that an interrupted run (Ctrl-C, a crash, a full disk) never leaves a
 * half-written file under the final name: the content goes to a temporary file in the same folder,
 * which is then moved over the target in one step. A failure names the target, not the temporary
 * file, and temporary files left by a killed earlier write of the same target are removed.
 */
public final class AtomicFiles {

    /** Writes the content of a file at a given path. */
    @FunctionalInterface
    public interface Writer {
        /**
         * @param path the (temporary) file to write
         * @throws IOException if writing fails
         */
        void write(Path path) throws IOException;
    }

    private AtomicFiles() {
    }

    /**
     * Writes {@code target} through a temporary sibling file and an atomic move.
     *
     * @param target the final file; its parent folders are created
     * @param writer writes the content to the path it is given
     * @throws OutputFileException if writing or moving fails, naming {@code target}; the target is
     *     then unchanged and the temporary file removed
     */
    public static void write(Path target, Writer writer) throws OutputFileException {
        try {
            writeThroughTemporary(target, writer);
        } catch (OutputFileException e) {
            throw e;
        } catch (IOException e) {
            throw new OutputFileException(target, e);
        }
    }

    private static void writeThroughTemporary(Path target, Writer writer) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        if (Files.isDirectory(absolute)) {
            throw new OutputFileException(target, new IOException("it is a folder; name a file"));
        }
        removeStaleTemporaries(dir, absolute.getFileName().toString());
        Path tmp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".tmp");
        tmp.toFile().deleteOnExit();
        try {
            writer.write(tmp);
            readableByAll(tmp);
            try {
                Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Removes the temporary files of earlier writes of the same file that were killed before they
     * could clean up (SIGKILL, power loss). Only files untouched for {@link #STALE_AFTER} are taken,
     * so a write in progress elsewhere keeps its file.
     */
    private static void removeStaleTemporaries(Path dir, String name) throws IOException {
        String prefix = "." + name + ".";
        java.nio.file.attribute.FileTime cutoff = java.nio.file.attribute.FileTime.from(
                java.time.Instant.now().minus(STALE_AFTER));
        try (var files = Files.newDirectoryStream(dir, p -> {
            String n = p.getFileName().toString();
            return n.startsWith(prefix) && n.endsWith(".tmp") && n.length() > prefix.length() + 4;
        })) {
            for (Path stale : files) {
                if (Files.isRegularFile(stale) && Files.getLastModifiedTime(stale).compareTo(cutoff) < 0) {
                    Files.deleteIfExists(stale);
                }
            }
        }
    }

    /** How long a temporary file must be untouched before a later write of the same file removes it. */
    static final java.time.Duration STALE_AFTER = java.time.Duration.ofMinutes(1);

    /** Temporary files are created owner-only; the output gets the usual rw-r--r--. */
    private static void readableByAll(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    /**
     * Writes a text file (UTF-8) atomically.
     *
     * @param target the final file
     * @param text its content
     * @throws OutputFileException if writing fails, naming the target
     */
    public static void writeString(Path target, String text) throws OutputFileException {
        write(target, p -> Files.writeString(p, text, StandardCharsets.UTF_8));
    }

    /**
     * Writes a binary file atomically.
     *
     * @param target the final file
     * @param bytes its content
     * @throws OutputFileException if writing fails, naming the target
     */
    public static void writeBytes(Path target, byte[] bytes) throws OutputFileException {
        write(target, p -> Files.write(p, bytes));
    }
}

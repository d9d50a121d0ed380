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
 * which is then moved over the target in one step.
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
     * @throws IOException if writing or moving fails; the target is then unchanged and the
     *     temporary file removed
     */
    public static void write(Path target, Writer writer) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
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
     * @throws IOException if writing fails
     */
    public static void writeString(Path target, String text) throws IOException {
        write(target, p -> Files.writeString(p, text, StandardCharsets.UTF_8));
    }

    /**
     * Writes a binary file atomically.
     *
     * @param target the final file
     * @param bytes its content
     * @throws IOException if writing fails
     */
    public static void writeBytes(Path target, byte[] bytes) throws IOException {
        write(target, p -> Files.write(p, bytes));
    }
}

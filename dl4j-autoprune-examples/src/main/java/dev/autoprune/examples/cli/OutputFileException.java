package dev.autoprune.examples.cli;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;

/**
 * An output file could not be written. The message names the file the user asked for, not the
 * hidden temporary file {@link AtomicFiles} writes first, and the reason in words.
 */
public final class OutputFileException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path target;

    /**
     * @param target the output file the user asked for
     * @param cause the failure
     */
    public OutputFileException(Path target, IOException cause) {
        super("could not write " + target + ": " + reason(cause), cause);
        this.target = target;
    }

    /** The output file the user asked for. */
    public Path target() {
        return target;
    }

    /** The reason without the file names a {@link FileSystemException} puts in its message. */
    private static String reason(IOException e) {
        if (e instanceof FileSystemException f) {
            String r = f.getReason();
            String kind = f.getClass().getSimpleName().replaceFirst("Exception$", "")
                    .replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
            return r == null ? kind : r;
        }
        return ModelFile.oneLine(e);
    }
}

package dev.autoprune.examples.data;

import java.io.IOException;

/**
 * A data file or folder that is missing, unreadable or malformed.
 *
 * <p>The message always starts with the offending file, folder, resource or URL, followed by what
 * is wrong with it, for example
 * {@code /data/train-images-idx3-ubyte.gz: truncated: the header announces 47040000 bytes of
 * pixel data but only 1024 follow}.
 */
public class DataFileException extends IOException {

    private static final long serialVersionUID = 1L;

    /** The file, folder, resource or URL at fault. */
    private final String source;

    /**
     * Creates an exception about one source.
     *
     * @param source the file, folder, resource or URL at fault, as the user would recognise it
     * @param problem what is wrong with it, without the source
     */
    public DataFileException(String source, String problem) {
        this(source, problem, null);
    }

    /**
     * Creates an exception about one source, keeping the low-level cause.
     *
     * @param source the file, folder, resource or URL at fault, as the user would recognise it
     * @param problem what is wrong with it, without the source
     * @param cause the underlying exception, or {@code null}
     */
    public DataFileException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
        this.source = source;
    }

    /**
     * Returns the file, folder, resource or URL this exception is about.
     *
     * @return the source named at the start of the message
     */
    public String source() {
        return source;
    }
}

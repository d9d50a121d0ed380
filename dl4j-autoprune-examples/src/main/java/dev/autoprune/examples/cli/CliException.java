package dev.autoprune.examples.cli;

/**
 * A problem the user can fix (a bad argument, a missing or unreadable file): the CLI prints its
 * message as one line, without a stack trace, and exits with {@link AutoPruneCli#EXIT_USAGE} or
 * {@link AutoPruneCli#EXIT_INPUT}.
 */
public final class CliException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    /**
     * @param exitCode the process exit code to use
     * @param message one line naming the file or parameter and what to do
     */
    public CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    /**
     * @param exitCode the process exit code to use
     * @param message one line naming the file or parameter and what to do
     * @param cause the underlying error
     */
    public CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** A bad command-line value. */
    static CliException usage(String message) {
        return new CliException(AutoPruneCli.EXIT_USAGE, message);
    }

    /** A missing, unreadable or malformed input file. */
    static CliException input(String message, Throwable cause) {
        return new CliException(AutoPruneCli.EXIT_INPUT, message, cause);
    }

    /** The process exit code. */
    public int exitCode() {
        return exitCode;
    }
}

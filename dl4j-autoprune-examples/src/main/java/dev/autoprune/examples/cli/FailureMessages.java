package dev.autoprune.examples.cli;

import dev.autoprune.examples.data.DataFileException;

/**
 * Turns the failures a user can act on into one-line {@link CliException}s, wherever DL4J wrapped
 * them: a {@link CliException} itself, an unreadable data file ({@link DataFileException}, which
 * DL4J's prefetching thread wraps in a plain {@code RuntimeException}; exit 3) and a failed write
 * ({@link OutputFileException}, naming the output file; exit 1).
 */
final class FailureMessages {

    private FailureMessages() {
    }

    /**
     * @param failure what a command threw
     * @return the one-line message and exit code, or null for an unexpected failure
     */
    static CliException explain(Throwable failure) {
        if (failure instanceof CliException c) {
            return c;
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DataFileException d) {
                return CliException.input(d.getMessage() + "; remove or replace this file", d);
            }
            if (t instanceof OutputFileException o) {
                return new CliException(AutoPruneCli.EXIT_FAILURE, o.getMessage(), o);
            }
        }
        return null;
    }
}

package dev.autoprune.examples.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One run of the CLI in-process, with what it printed. */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = AutoPruneCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** The error output's lines (without a trailing empty one). */
    String[] errLines() {
        return err.isEmpty() ? new String[0] : err.split("\\R");
    }

    /** Asserts exit code {@code code} and exactly one stderr line that mentions every one of {@code mentions}. */
    void assertOneLine(int code, String... mentions) {
        assertAll(
                () -> assertEquals(code, exitCode(), "exit code; stderr: " + err()),
                () -> assertEquals(1, errLines().length, "one line expected, got: " + err()),
                () -> {
                    for (String m : mentions) {
                        assertTrue(err().contains(m), "'" + m + "' not in: " + err());
                    }
                });
    }
}

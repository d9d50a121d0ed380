package dev.autoprune.examples.cli;

import picocli.CommandLine.Option;

/** Options every command takes: {@code --verbose} (read in {@link AutoPruneCli#main} before logging starts). */
public final class CommonOptions {

    @Option(names = "--verbose", description = "Log at INFO (DL4J and the listener) and print stack traces on failure.")
    boolean verbose;
}

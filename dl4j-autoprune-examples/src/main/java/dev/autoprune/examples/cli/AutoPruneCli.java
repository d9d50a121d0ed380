package dev.autoprune.examples.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Arrays;

/**
 * The {@code autoprune} command line: {@code demo}, {@code prune}, {@code sweep}, {@code report} and
 * {@code compact}. Every command has {@code --help}. Bad arguments and bad files end the process
 * with a non-zero exit code and one line saying what is wrong and what to do.
 */
@Command(name = "autoprune", mixinStandardHelpOptions = true, versionProvider = AutoPruneCli.Version.class,
        description = "Prunes convolution channels of Deeplearning4j networks while they train "
                + "(AutoPruning with dynamic channel masking, arXiv:2010.12021).",
        subcommands = {DemoCommand.class, PruneCommand.class, SweepCommand.class, ReportCommand.class,
                CompactCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:the run failed (a message says why)", "2:bad command-line arguments",
                "3:a missing, unreadable or malformed input file",
                "4:prune finished and wrote its files, but missed the FLOPs target (a warning says what to change)",
                "5:prune stopped at --stop-after and left a checkpoint (a line gives the command to resume)"})
public final class AutoPruneCli implements Runnable {

    /** Exit code of a failed run. */
    public static final int EXIT_FAILURE = 1;
    /** Exit code for bad command-line arguments. */
    public static final int EXIT_USAGE = 2;
    /** Exit code for a missing, unreadable or malformed input file. */
    public static final int EXIT_INPUT = 3;
    /** Exit code of a pruning run that wrote its output but ended away from the FLOPs target. */
    public static final int EXIT_TARGET_MISSED = 4;
    /** Exit code of a pruning run that stopped at {@code --stop-after}, leaving a checkpoint to resume from. */
    public static final int EXIT_STOPPED = 5;

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a command is needed: demo, prune, sweep, report or compact");
    }

    /**
     * Runs the CLI and exits with its exit code.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        configureRuntime(Arrays.asList(args).contains("--verbose"));
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(execute(out, err, args));
    }

    /**
     * Runs the CLI without exiting (for tests and embedding).
     *
     * @param out standard output
     * @param err error output
     * @param args the command line
     * @return the exit code
     */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new AutoPruneCli());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((ex, a) -> {
            CommandLine cmd = ex.getCommandLine();
            err.println(cmd.getCommandSpec().qualifiedName() + ": " + ModelFile.oneLine(ex)
                    + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
            err.flush();
            return EXIT_USAGE;
        });
        boolean verbose = Boolean.getBoolean(VERBOSE_PROPERTY) || Arrays.asList(args).contains("--verbose");
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            String name = cmd.getCommandSpec().qualifiedName();
            CliException known = FailureMessages.explain(ex);
            if (known != null) {
                err.println(name + ": " + known.getMessage());
            } else {
                err.println(failureLine(name, ex, verbose));
            }
            if (verbose) {
                ex.printStackTrace(err);
            }
            err.flush();
            return known != null ? known.exitCode() : EXIT_FAILURE;
        });
        return cli.execute(args);
    }

    /**
     * The line for an unexpected failure.
     *
     * @param command the command's name
     * @param failure what it threw
     * @param verbose whether the run has {@code --verbose} (then the stack trace follows, and the
     *     line does not suggest {@code --verbose})
     * @return the line
     */
    static String failureLine(String command, Throwable failure, boolean verbose) {
        return command + ": failed: " + failure.getClass().getSimpleName() + ": " + ModelFile.oneLine(failure)
                + (verbose ? "" : " (run with --verbose for details)");
    }

    /** Set to true by {@code --verbose}: log at INFO and print stack traces. */
    static final String VERBOSE_PROPERTY = "autoprune.verbose";

    /**
     * Quiet logging (slf4j-simple at WARN, or INFO when verbose) and headless AWT for the plots.
     * Must run before any DL4J class logs.
     */
    static void configureRuntime(boolean verbose) {
        System.setProperty(VERBOSE_PROPERTY, Boolean.toString(verbose));
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : "warn");
        }
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** The version from the jar manifest, when there is one. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = AutoPruneCli.class.getPackage().getImplementationVersion();
            return new String[] {"autoprune " + (v == null ? "(development build)" : v)
                    + ", Deeplearning4j 1.0.0-M2.1, Java " + System.getProperty("java.version")};
        }
    }
}

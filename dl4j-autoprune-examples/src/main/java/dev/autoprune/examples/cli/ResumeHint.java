package dev.autoprune.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What an interrupted {@code prune} run tells its user: where its checkpoint is and the command that
 * resumes from it (the same command line with {@code --resume CHECKPOINT}). Installed as a JVM shutdown
 * hook for the training, so that Ctrl-C prints the line; removed when the run ends by itself.
 */
final class ResumeHint {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./=:,+@%-]+");

    private final Path checkpoint;
    private final String resumeCommand;
    private final PrintWriter err;
    private volatile int epochsSaved;
    private Thread hook;

    /**
     * @param checkpoint where the run writes its checkpoint
     * @param originalArgs the command line of the run (from the command's name on)
     * @param err where the hook prints
     */
    ResumeHint(Path checkpoint, List<String> originalArgs, PrintWriter err) {
        this.checkpoint = checkpoint;
        this.resumeCommand = resumeCommand(checkpoint, originalArgs);
        this.err = err;
    }

    /** Notes that the checkpoint after this many epochs is on disk. */
    void saved(int epochs) {
        this.epochsSaved = epochs;
    }

    /** The command that resumes the run. */
    String resumeCommand() {
        return resumeCommand;
    }

    /** The line printed when the run is interrupted now. */
    String message() {
        if (epochsSaved == 0) {
            return "autoprune prune: interrupted before the first epoch ended; there is no checkpoint yet, so run "
                    + "the command again";
        }
        return "autoprune prune: interrupted; the checkpoint after epoch " + epochsSaved + " is " + checkpoint
                + "; resume with: " + resumeCommand;
    }

    /** Prints {@link #message()} when the JVM shuts down (Ctrl-C) before {@link #remove()}. */
    void install() {
        hook = new Thread(() -> {
            err.println(message());
            err.flush();
        }, "autoprune-resume-hint");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Removes the hook: the run ended by itself. */
    void remove() {
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already shutting down: the hook runs, as it should
            }
            hook = null;
        }
    }

    /** {@code autoprune ARGS --resume CHECKPOINT}, without an earlier {@code --resume} or {@code --stop-after}. */
    static String resumeCommand(Path checkpoint, List<String> originalArgs) {
        List<String> args = new ArrayList<>();
        for (int i = 0; i < originalArgs.size(); i++) {
            String a = originalArgs.get(i);
            if (a.equals("--resume") || a.equals("--stop-after")) {
                i++; // and its value
            } else if (!a.startsWith("--resume=") && !a.startsWith("--stop-after=")) {
                args.add(a);
            }
        }
        if (args.isEmpty() || !args.get(0).equals("prune")) {
            args.add(0, "prune");
        }
        args.add("--resume");
        args.add(checkpoint.toString());
        StringBuilder line = new StringBuilder("autoprune");
        for (String a : args) {
            line.append(' ').append(PLAIN.matcher(a).matches() ? a : "'" + a.replace("'", "'\\''") + "'");
        }
        return line.toString();
    }
}

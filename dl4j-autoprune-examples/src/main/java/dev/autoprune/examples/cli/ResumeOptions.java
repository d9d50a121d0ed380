package dev.autoprune.examples.cli;

import dev.autoprune.listener.AutoPruneListener;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The checkpoint options of {@code prune}: where the run saves its checkpoint at epoch ends
 * ({@code --checkpoint}), the checkpoint an interrupted run continues from ({@code --resume}) and an
 * early end ({@code --stop-after}). A mixin, so that the command asks it only to check the paths, to
 * open the checkpoint, to restore the listener and to run the epoch loop with checkpoints.
 */
public final class ResumeOptions {

    /**
     * The least time between two checkpoints: epochs shorter than this (a small data set's search repeats
     * epochs of one minibatch) are not each followed by a write of the network, which would cost as much.
     */
    static final long MIN_INTERVAL_NANOS = 10_000_000_000L;

    @Option(names = "--checkpoint", paramLabel = "FILE",
            description = "Where the run saves its checkpoint at each epoch end (at most every 10 s), to --resume "
                    + "from after an interruption (default: OUT-stem-checkpoint.zip next to OUT; removed when the "
                    + "run finishes).")
    Path checkpoint;

    @Option(names = "--resume", paramLabel = "CHECKPOINT",
            description = "Continue an interrupted run from its checkpoint, with the same MODEL, data and pruning "
                    + "options (a checkpoint written with other settings is refused); it ends as the run would have.")
    Path resume;

    @Option(names = "--stop-after", paramLabel = "EPOCHS",
            description = "End the run after EPOCHS epochs (counting those before a --resume) and keep the "
                    + "checkpoint, e.g. for time-limited jobs; exit code 5.")
    Integer stopAfter;

    /**
     * Checks the options before any data is loaded.
     *
     * @param out the model the run writes
     * @param stem its name without {@code .zip}
     * @param model the input model
     * @return the checkpoint file the run writes
     * @throws CliException naming the option
     */
    Path checkpointFile(Path out, String stem, Path model) {
        Path file = checkpoint != null ? checkpoint : out.resolveSibling(stem + "-checkpoint.zip");
        if (sameFile(file, out)) {
            throw CliException.usage("--checkpoint must differ from --out (" + out + ")");
        }
        OutputLocation.checkFile(file, "--checkpoint", model);
        if (stopAfter != null && stopAfter < 1) {
            throw CliException.usage("--stop-after must be >= 1, found " + stopAfter);
        }
        if (resume != null && !Files.isRegularFile(resume)) {
            throw CliException.input("--resume " + resume + " does not exist; give the checkpoint an interrupted "
                    + "prune wrote (OUT-stem-checkpoint.zip, or its --checkpoint)", null);
        }
        return file;
    }

    /**
     * The network to prune: the one in the {@code --resume} checkpoint, else {@code fresh}.
     *
     * @param fresh the input model made prunable
     * @param model the input model's file, for the message
     * @return the checkpoint (null without {@code --resume}) and the network
     * @throws CliException (input) if the checkpoint cannot be read or holds another network
     */
    PruneCheckpoint.Resumed open(Model fresh, Path model) {
        if (resume == null) {
            return new PruneCheckpoint.Resumed(fresh, 0);
        }
        PruneCheckpoint.Resumed r = PruneCheckpoint.read(resume);
        if (r.net().numParams() != fresh.numParams()) {
            throw CliException.input("--resume " + resume + " holds a network of " + r.net().numParams()
                    + " parameters, but MODEL " + model + " made prunable has " + fresh.numParams()
                    + "; give the MODEL the interrupted run pruned", null);
        }
        return r;
    }

    /**
     * Restores the listener from the {@code --resume} checkpoint and moves the training data on by the
     * epochs already trained (each epoch reshuffles it), so that the run continues as it would have.
     *
     * @param pruner a fresh listener with this run's settings
     * @param epochsDone the epochs the checkpoint had trained
     * @param train the training data
     * @throws CliException (input) with the listener's reason when the checkpoint's settings differ
     */
    void restore(AutoPruneListener pruner, int epochsDone, DataSetIterator train) {
        if (resume == null) {
            return;
        }
        try {
            pruner.restoreCheckpoint(resume.toFile());
        } catch (IllegalStateException | IllegalArgumentException e) {
            String why = ModelFile.oneLine(e).replaceFirst("\\. Build the listener with.*$", "");
            throw CliException.input("--resume refused: " + why + "; give the options of the interrupted run", e);
        }
        for (int i = 0; i < epochsDone; i++) {
            train.reset();
        }
    }

    /**
     * Runs the pruning loop, writing the checkpoint after each epoch (at most one every
     * {@link #MIN_INTERVAL_NANOS}, and always at {@code --stop-after}), with the Ctrl-C line installed.
     *
     * @param file the checkpoint file
     * @param start the network and the epochs already trained
     * @param pruner its listener, restored when resuming
     * @param train the training data
     * @param progress where the epoch lines go
     * @param err where Ctrl-C's line goes
     * @param originalArgs the command line, for the resume command
     * @return the epochs trained and the resume command
     * @throws java.io.IOException if a checkpoint cannot be written
     */
    Ran run(Path file, PruneCheckpoint.Resumed start, AutoPruneListener pruner, DataSetIterator train,
            PrintWriter progress, PrintWriter err, List<String> originalArgs) throws java.io.IOException {
        ResumeHint hint = new ResumeHint(file, originalArgs, err);
        if (resume != null && sameFile(file, resume)) {
            hint.saved(start.epochs()); // the checkpoint resumed from is the one this run writes
        }
        hint.install();
        long[] lastWrite = {Long.MIN_VALUE};
        try {
            int epochs = PruningRun.run(start.net(), pruner, train, progress, start.epochs(), e -> {
                boolean stop = stopAfter != null && e >= stopAfter;
                long now = System.nanoTime();
                if (stop || lastWrite[0] == Long.MIN_VALUE || now - lastWrite[0] >= MIN_INTERVAL_NANOS) {
                    PruneCheckpoint.write(file, start.net(), pruner, e);
                    hint.saved(e);
                    lastWrite[0] = now;
                }
                return !stop;
            });
            return new Ran(epochs, hint.resumeCommand());
        } finally {
            hint.remove();
        }
    }

    /** What {@link #run} did: the epochs trained, and the command that resumes the run. */
    record Ran(int epochs, String resumeCommand) {
    }

    private static boolean sameFile(Path a, Path b) {
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }
}

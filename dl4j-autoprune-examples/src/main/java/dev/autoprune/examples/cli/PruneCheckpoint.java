package dev.autoprune.examples.cli;

import dev.autoprune.listener.AutoPruneListener;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The checkpoint of an interrupted {@code prune} run: the listener's checkpoint (the network with its
 * updater, the listener's state, settings and history; {@link AutoPruneListener#writeCheckpoint}) plus
 * the number of epochs the run had trained, written atomically at epoch ends so that Ctrl-C or a
 * kill never leaves a damaged one. {@code prune --resume FILE} reads it back.
 */
final class PruneCheckpoint {

    /** The entry holding the epochs trained. */
    static final String EPOCHS_KEY = "autoprune-cli-epochs";

    /**
     * Where a run starts: the network (from a checkpoint: with its updater) and the epochs trained before
     * (0 for a fresh run).
     */
    record Resumed(Model net, int epochs) {
    }

    private PruneCheckpoint() {
    }

    /**
     * Writes the checkpoint after an epoch.
     *
     * @param file where
     * @param net the network being pruned
     * @param pruner its listener
     * @param epochs the epochs trained so far
     * @throws OutputFileException if it cannot be written, naming the file
     */
    static void write(Path file, Model net, AutoPruneListener pruner, int epochs) throws OutputFileException {
        AtomicFiles.write(file, p -> {
            pruner.writeCheckpoint(net, p.toFile());
            ModelSerializer.addObjectToFile(p.toFile(), EPOCHS_KEY, epochs);
        });
    }

    /**
     * Reads a checkpoint written by {@link #write}.
     *
     * @param file the checkpoint
     * @return the network (with its updater) and the epochs trained
     * @throws CliException (input) if the file is missing, not a DL4J model, or not a prune checkpoint
     */
    static Resumed read(Path file) {
        Model plain = ModelFile.load(file); // checks the file step by step, naming it
        try {
            if (!ModelSerializer.listObjectsInFile(file.toFile()).contains(EPOCHS_KEY)) {
                throw CliException.input("--resume " + file + " is not a checkpoint of autoprune prune (no "
                        + EPOCHS_KEY + " entry); give the -checkpoint.zip file an interrupted prune wrote", null);
            }
            int epochs = ModelSerializer.getObjectFromFile(file.toFile(), EPOCHS_KEY);
            Model net = plain instanceof ComputationGraph
                    ? ModelSerializer.restoreComputationGraph(file.toFile(), true)
                    : ModelSerializer.restoreMultiLayerNetwork(file.toFile(), true);
            return new Resumed(net, epochs);
        } catch (IOException | RuntimeException e) {
            if (e instanceof CliException c) {
                throw c;
            }
            throw CliException.input("--resume " + file + " could not be read: " + ModelFile.oneLine(e), e);
        }
    }

    /** Removes the checkpoint of a finished run. */
    static void remove(Path file) throws IOException {
        Files.deleteIfExists(file);
    }
}

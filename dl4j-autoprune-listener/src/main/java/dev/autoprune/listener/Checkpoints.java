package dev.autoprune.listener;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.util.ModelSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes a listener's checkpoint: the network with its updater (stock
 * {@link ModelSerializer}) plus, in the same zip, the listener's state, settings, cost model name and
 * search history. A checkpoint written before the settings and history were stored (state only) still
 * restores, with a warning that its settings cannot be checked.
 */
final class Checkpoints {

    private static final Logger log = LoggerFactory.getLogger(Checkpoints.class);

    static final String SETTINGS_KEY = "autoprune-listener-settings";
    static final String COST_KEY = "autoprune-listener-cost-model";
    static final String HISTORY_KEY = "autoprune-listener-history";

    /** What a checkpoint gives back to a listener. */
    record Restored(PruneState state, List<SearchRecord> history) {
    }

    private Checkpoints() {
    }

    static void write(Model model, File file, PruneState state, PruneSettings settings, String costModel,
                      List<SearchRecord> history) throws IOException {
        ModelSerializer.writeModel(model, file, true);
        ModelSerializer.addObjectToFile(file, AutoPruneListener.CHECKPOINT_KEY, state);
        ModelSerializer.addObjectToFile(file, SETTINGS_KEY, settings);
        ModelSerializer.addObjectToFile(file, COST_KEY, costModel);
        ModelSerializer.addObjectToFile(file, HISTORY_KEY, new ArrayList<>(history));
    }

    /** The settings a checkpoint was written with; empty for a checkpoint from before they were stored. */
    static java.util.Optional<PruneSettings> settingsIn(File file) {
        return ModelSerializer.listObjectsInFile(file).contains(SETTINGS_KEY)
                ? java.util.Optional.of(ModelSerializer.getObjectFromFile(file, SETTINGS_KEY)) : java.util.Optional.empty();
    }

    /**
     * Reads a checkpoint for a listener with {@code settings} and cost model {@code costModel}.
     *
     * @throws IllegalArgumentException when the file holds no listener state
     * @throws IllegalStateException    naming each differing value when the checkpoint was written
     *                                  with other settings or another cost model
     */
    static Restored read(File file, PruneSettings settings, String costModel) {
        List<String> keys = ModelSerializer.listObjectsInFile(file);
        if (!keys.contains(AutoPruneListener.CHECKPOINT_KEY)) {
            throw new IllegalArgumentException("No AutoPruneListener state in " + file
                    + "; was it written with AutoPruneListener.writeCheckpoint?");
        }
        PruneState state = ModelSerializer.getObjectFromFile(file, AutoPruneListener.CHECKPOINT_KEY);
        if (!keys.contains(SETTINGS_KEY)) {
            log.warn("AutoPrune: checkpoint {} was written before checkpoints stored the settings and history; "
                    + "resuming with this listener's settings unchecked, and the history starts empty", file);
            return new Restored(state, List.of());
        }
        PruneSettings saved = ModelSerializer.getObjectFromFile(file, SETTINGS_KEY);
        List<String> differences = new ArrayList<>(saved.differences(settings));
        String savedCost = keys.contains(COST_KEY) ? ModelSerializer.getObjectFromFile(file, COST_KEY) : costModel;
        if (!savedCost.equals(costModel)) {
            differences.add("costModel: " + savedCost + " vs " + costModel);
        }
        if (!differences.isEmpty()) {
            throw new IllegalStateException("AutoPruneListener: checkpoint " + file + " was written with other settings"
                    + " (checkpoint vs this listener): " + String.join("; ", differences)
                    + ". Build the listener with the checkpoint's settings, e.g. builder().settings(AutoPruneListener.checkpointSettings(file).orElseThrow()).");
        }
        List<SearchRecord> history = keys.contains(HISTORY_KEY) ? ModelSerializer.getObjectFromFile(file, HISTORY_KEY)
                : List.of();
        return new Restored(state, history);
    }
}

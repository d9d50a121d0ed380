package dev.autoprune.arbiter;

import dev.autoprune.layers.MaskableLayerConfig;
import dev.autoprune.listener.PruneSettings;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One candidate drawn from a {@link PruningSearchSpace}: a prunable network configuration and the
 * pruning settings to train it with.
 *
 * <p>The configuration is held as DL4J JSON, because Arbiter copies candidates with Java
 * serialisation and the mask settings inside masked layer configurations are written by Jackson,
 * not by Java serialisation.
 */
public final class PruningCandidate implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String configurationJson;
    private final PruneSettings settings;
    private final LinkedHashMap<String, Object> searched;

    /**
     * @param configuration the network configuration (with masked layers)
     * @param settings      the pruning settings
     * @param searched      the searched settings' drawn values by name, for tables ({@link AutoPruneSpace#searchedValues})
     */
    public PruningCandidate(MultiLayerConfiguration configuration, PruneSettings settings, Map<String, Object> searched) {
        this.configurationJson = Objects.requireNonNull(configuration, "configuration").toJson();
        this.settings = Objects.requireNonNull(settings, "settings");
        this.searched = new LinkedHashMap<>(Objects.requireNonNull(searched, "searched"));
    }

    /** A fresh copy of the network configuration. */
    public MultiLayerConfiguration configuration() {
        return MultiLayerConfiguration.fromJson(configurationJson);
    }

    /** The pruning settings (every value, searched or default). */
    public PruneSettings settings() {
        return settings;
    }

    /** The searched settings' drawn values by their names in the space, in a fixed order. */
    public Map<String, Object> searchedValues() {
        return Collections.unmodifiableMap(searched);
    }

    /**
     * The channel count of every masked layer, in network order (e.g. {@code [8, 16]} for a LeNet
     * with two masked convolutions): the searched widths, for tables.
     */
    public List<Long> maskedWidths() {
        List<Long> widths = new ArrayList<>();
        for (NeuralNetConfiguration c : configuration().getConfs()) {
            Layer l = c.getLayer();
            if (l instanceof MaskableLayerConfig m) {
                widths.add(m.getMaskedChannels());
            }
        }
        return widths;
    }

    @Override
    public String toString() {
        return "PruningCandidate(widths=" + maskedWidths() + ", " + searched + ")";
    }
}

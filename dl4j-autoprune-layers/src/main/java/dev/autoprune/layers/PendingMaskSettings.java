package dev.autoprune.layers;

import java.util.Objects;

/**
 * The mask settings a layer builder has collected so far (see {@link MaskSettingsBuilder}). Each value
 * is checked when it is given, and the first invalid one is kept so that the layer's {@code build()}
 * can refuse it with the layer's name. It has no public methods: builders hold one and hand it to the
 * shared builder methods.
 */
public final class PendingMaskSettings {

    private final MaskSettings settings = new MaskSettings();
    private String firstProblem;

    /** An empty collection: every setting at its {@link MaskSettings} default. */
    PendingMaskSettings() {
    }

    void minChannels(int minChannels) {
        if (accept(MaskSettings.minChannelsProblem(minChannels))) {
            settings.setMinChannels(minChannels);
        }
    }

    void initialRatio(double initialRatio) {
        if (accept(MaskSettings.initialRatioProblem(initialRatio))) {
            settings.setInitialRatio(initialRatio);
        }
    }

    void channelMultiple(int channelMultiple) {
        if (accept(MaskSettings.channelMultipleProblem(channelMultiple))) {
            settings.setChannelMultiple(channelMultiple);
        }
    }

    void mode(MaskMode mode) {
        if (accept(mode == null ? "mode must not be null; use MaskMode.IDENTITY, SOFT or HARD" : null)) {
            settings.setMode(mode);
        }
    }

    void temperature(double temperature) {
        if (accept(MaskSettings.temperatureProblem(temperature))) {
            settings.setTemperature(temperature);
        }
    }

    void learnable(boolean learnable) {
        settings.setLearnable(learnable);
    }

    /** Records a refused value (only the first one is reported). */
    void refuse(String problem) {
        accept(Objects.requireNonNull(problem, "problem"));
    }

    /** Remembers the problem if it is the first one; true when there is none. */
    private boolean accept(String problem) {
        if (problem != null && firstProblem == null) {
            firstProblem = problem;
        }
        return problem == null;
    }

    /**
     * A copy of the settings for a new layer.
     *
     * @param layerDescription e.g. {@code ChannelMaskLayer (layer name="mask1")}
     * @throws IllegalArgumentException naming the layer, for the first invalid value given
     */
    MaskSettings validated(String layerDescription) {
        if (firstProblem != null) {
            throw new IllegalArgumentException(layerDescription + ": " + firstProblem);
        }
        return settings.clone();
    }
}

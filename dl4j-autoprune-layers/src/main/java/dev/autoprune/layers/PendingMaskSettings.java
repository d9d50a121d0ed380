package dev.autoprune.layers;

import java.util.function.Consumer;

/**
 * The mask settings a layer builder collects: each value is validated when it is given, and the first
 * invalid one is kept so that {@code build()} can refuse it with the layer's name (the builders of
 * {@link ChannelMaskLayer} and {@link MaskedConvolutionLayer} share this).
 */
final class PendingMaskSettings {

    private final MaskSettings settings = new MaskSettings();
    private IllegalArgumentException firstError;

    /** Applies a setter, remembering the first value it refuses. */
    void set(Consumer<MaskSettings> setter) {
        try {
            setter.accept(settings);
        } catch (IllegalArgumentException | NullPointerException e) {
            refuse(e.getMessage());
        }
    }

    /** Records a refused value (only the first one is reported). */
    void refuse(String message) {
        if (firstError == null) {
            firstError = new IllegalArgumentException(message);
        }
    }

    /**
     * A copy of the settings for a new layer.
     *
     * @param layerDescription e.g. {@code ChannelMaskLayer (layer name="mask1")}
     * @throws IllegalArgumentException naming the layer, for the first invalid value given
     */
    MaskSettings validated(String layerDescription) {
        if (firstError != null) {
            throw new IllegalArgumentException(layerDescription + ": " + firstError.getMessage(), firstError);
        }
        return settings.clone();
    }
}

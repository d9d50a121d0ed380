package dev.autoprune.layers;

import org.deeplearning4j.nn.conf.inputs.InputType;

import java.util.Optional;

/** Checks and copies the network input types a mask layer records (see {@link MaskableLayerConfig}). */
final class RecordedInputTypes {

    private RecordedInputTypes() {
    }

    /** A defensive copy, or empty when nothing was recorded. */
    static Optional<InputType[]> copy(InputType[] recorded) {
        return recorded == null ? Optional.empty() : Optional.of(recorded.clone());
    }

    /** A copy of the types to record, refused (naming the layer) when none is given or one is null. */
    static InputType[] checked(String layerDescription, InputType... types) {
        if (types == null || types.length == 0) {
            throw new IllegalArgumentException(layerDescription + ": give one input type per network input, found none");
        }
        for (int i = 0; i < types.length; i++) {
            if (types[i] == null) {
                throw new IllegalArgumentException(layerDescription + ": network input type " + i + " is null");
            }
        }
        return types.clone();
    }
}

package dev.autoprune.layers;

import org.deeplearning4j.nn.conf.inputs.InputType;

import java.util.Optional;

/**
 * A DL4J layer configuration that carries a channel mask: {@link ChannelMaskLayer} and
 * {@link MaskedConvolutionLayer}. Analysis code (channel groups, FLOPs, removal) uses this to find
 * masks without caring which of the two it is.
 */
public interface MaskableLayerConfig {

    /** The mask's settings; changes to it take effect at the next forward pass. */
    MaskSettings getMaskSettings();

    /** The number of channels the mask governs (C), or <= 0 before the input type is known. */
    long getMaskedChannels();

    /** The DL4J layer name (may be null for unnamed layers). */
    String getLayerName();

    /**
     * The network input types recorded when {@code AutoPrune.prunable} inserted this mask (DL4J does
     * not store them in a built configuration), so that analysis, FLOPs, reports and compaction never
     * ask for them again. Saved with the layer's JSON; empty for a hand-placed mask.
     */
    Optional<InputType[]> recordedInputTypes();

    /**
     * Records the network input types (one per network input). They describe the network, not this
     * layer: they change no number of the layer.
     *
     * @throws IllegalArgumentException if none is given or one is null
     */
    void recordInputTypes(InputType... networkInputTypes);
}

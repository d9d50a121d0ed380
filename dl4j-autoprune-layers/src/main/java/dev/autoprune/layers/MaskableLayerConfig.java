package dev.autoprune.layers;

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
}

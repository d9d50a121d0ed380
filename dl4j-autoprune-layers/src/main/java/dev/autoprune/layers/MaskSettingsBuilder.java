package dev.autoprune.layers;

/**
 * The mask-settings part of a masked layer's builder, written once for {@link ChannelMaskLayer.Builder}
 * and {@link MaskedConvolutionLayer.Builder} (which extend different DL4J builders, so they share it
 * as an interface). Every value is checked when it is given and refused by the layer's
 * {@code build()}, whose message names the layer and the value.
 *
 * @param <B> the builder type, returned for chaining
 */
public interface MaskSettingsBuilder<B extends MaskSettingsBuilder<B>> {

    /** The settings collected so far; the methods below write into it. */
    PendingMaskSettings pendingMaskSettings();

    /** The fewest channels the mask may keep (default 1). */
    default B minChannels(int minChannels) {
        pendingMaskSettings().minChannels(minChannels);
        return self();
    }

    /** The remaining ratio the layer starts with, in (0, 1] (default 1). */
    default B initialRatio(double initialRatio) {
        pendingMaskSettings().initialRatio(initialRatio);
        return self();
    }

    /** Round hard channel counts to a multiple of this (default 1). */
    default B channelMultiple(int multiple) {
        pendingMaskSettings().channelMultiple(multiple);
        return self();
    }

    /** The initial mask mode (default IDENTITY; {@code AutoPruneListener} switches it during training). */
    default B maskMode(MaskMode mode) {
        pendingMaskSettings().mode(mode);
        return self();
    }

    /** The soft-mask temperature (default 1). */
    default B temperature(double temperature) {
        pendingMaskSettings().temperature(temperature);
        return self();
    }

    /** Whether the mask parameters receive gradients (default false; the listener switches it). */
    default B learnable(boolean learnable) {
        pendingMaskSettings().learnable(learnable);
        return self();
    }

    /** This builder, typed for chaining. */
    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }
}

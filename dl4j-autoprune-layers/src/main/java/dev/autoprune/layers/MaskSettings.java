package dev.autoprune.layers;

import java.util.Objects;

/**
 * The settings of one channel mask: its fixed constraints (minimum channels, initial ratio, channel
 * multiple) and its run-time state (mode, temperature, learnable), which {@code AutoPruneListener}
 * changes during training.
 *
 * <p>It is a Jackson bean because it lives inside a DL4J layer configuration: it is written with the
 * network's JSON and so survives {@code toJson}/{@code fromJson} and {@code ModelSerializer}. Every
 * setter validates its value; {@link #validate(String, long)} checks the whole object against a
 * channel count and names the layer in its message. It is {@code Serializable} because Arbiter copies
 * candidate configurations with Java serialisation.
 */
public final class MaskSettings implements Cloneable, java.io.Serializable {

    private static final long serialVersionUID = 1L;

    /** Default temperature of the soft mask, in units of the standardised scores. */
    public static final double DEFAULT_TEMPERATURE = 1.0;

    private int minChannels = 1;
    private double initialRatio = 1.0;
    private int channelMultiple = 1;
    private MaskMode mode = MaskMode.IDENTITY;
    private double temperature = DEFAULT_TEMPERATURE;
    private boolean learnable = false;

    /** Creates the defaults: minChannels 1, initialRatio 1, channelMultiple 1, IDENTITY, tau 1, not learnable. */
    public MaskSettings() {
    }

    /** The fewest channels the mask may keep (>= 1). */
    public int getMinChannels() {
        return minChannels;
    }

    /** Sets the fewest channels the mask may keep. */
    public void setMinChannels(int minChannels) {
        refuse(minChannelsProblem(minChannels));
        this.minChannels = minChannels;
    }

    /** The remaining ratio the ratio parameter starts at, in (0, 1]. */
    public double getInitialRatio() {
        return initialRatio;
    }

    /** Sets the remaining ratio the ratio parameter starts at, in (0, 1]. */
    public void setInitialRatio(double initialRatio) {
        refuse(initialRatioProblem(initialRatio));
        this.initialRatio = initialRatio;
    }

    /** Hard channel counts are rounded to a multiple of this (>= 1; e.g. 8 for SIMD-friendly widths). */
    public int getChannelMultiple() {
        return channelMultiple;
    }

    /** Sets the multiple hard channel counts are rounded to. */
    public void setChannelMultiple(int channelMultiple) {
        refuse(channelMultipleProblem(channelMultiple));
        this.channelMultiple = channelMultiple;
    }

    /** The current mask mode. */
    public MaskMode getMode() {
        return mode;
    }

    /** Sets the mask mode. */
    public void setMode(MaskMode mode) {
        this.mode = Objects.requireNonNull(mode, "mode");
    }

    /** The soft-mask temperature tau (> 0). */
    public double getTemperature() {
        return temperature;
    }

    /** Sets the soft-mask temperature tau (> 0, finite). */
    public void setTemperature(double temperature) {
        refuse(temperatureProblem(temperature));
        this.temperature = temperature;
    }

    /**
     * Whether the backward pass computes gradients for the ratio and score parameters. When false
     * they get zero gradients, so DL4J's updater (a NoOp for them) leaves them bit-for-bit unchanged.
     */
    public boolean isLearnable() {
        return learnable;
    }

    /** Sets whether the ratio and score parameters receive gradients. */
    public void setLearnable(boolean learnable) {
        this.learnable = learnable;
    }

    // ---- value checks, shared by the setters and the layer builders (which report them at build time) ----

    /** What is wrong with a minChannels value, or null when it is valid. */
    static String minChannelsProblem(int minChannels) {
        return minChannels < 1 ? "minChannels must be >= 1, found " + minChannels : null;
    }

    /** What is wrong with an initialRatio value, or null when it is valid. */
    static String initialRatioProblem(double initialRatio) {
        return initialRatio > 0 && initialRatio <= 1 ? null : "initialRatio must be in (0, 1], found " + initialRatio;
    }

    /** What is wrong with a channelMultiple value, or null when it is valid. */
    static String channelMultipleProblem(int channelMultiple) {
        return channelMultiple < 1 ? "channelMultiple must be >= 1, found " + channelMultiple : null;
    }

    /** What is wrong with a temperature value, or null when it is valid. */
    static String temperatureProblem(double temperature) {
        return temperature > 0 && !Double.isInfinite(temperature) ? null
                : "temperature must be > 0 and finite, found " + temperature;
    }

    private static void refuse(String problem) {
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /**
     * Checks these settings against the mask's channel count.
     *
     * @param layerDescription e.g. {@code ChannelMaskLayer (layer name="mask1")}
     * @param channels         the channel count C, or a value <= 0 if not known yet
     * @throws IllegalArgumentException naming the layer, the setting and the value
     */
    public void validate(String layerDescription, long channels) {
        if (channels > 0 && minChannels > channels) {
            throw new IllegalArgumentException(layerDescription + ": minChannels (" + minChannels
                    + ") must not exceed the layer's channel count (" + channels
                    + "). Lower minChannels or widen the layer.");
        }
    }

    @Override
    public MaskSettings clone() {
        try {
            return (MaskSettings) super.clone();
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof MaskSettings other)) {
            return false;
        }
        return minChannels == other.minChannels && Double.compare(initialRatio, other.initialRatio) == 0
                && channelMultiple == other.channelMultiple && mode == other.mode
                && Double.compare(temperature, other.temperature) == 0 && learnable == other.learnable;
    }

    @Override
    public int hashCode() {
        return Objects.hash(minChannels, initialRatio, channelMultiple, mode, temperature, learnable);
    }

    @Override
    public String toString() {
        return "MaskSettings{minChannels=" + minChannels + ", initialRatio=" + initialRatio
                + ", channelMultiple=" + channelMultiple + ", mode=" + mode + ", temperature=" + temperature
                + ", learnable=" + learnable + '}';
    }
}

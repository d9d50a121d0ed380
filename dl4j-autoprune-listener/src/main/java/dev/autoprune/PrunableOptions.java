package dev.autoprune;

import org.deeplearning4j.nn.conf.inputs.InputType;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What {@link AutoPrune#prunable} makes prunable: which layers to leave alone, how far a layer may be
 * pruned, and the channel multiple. Immutable; {@link Builder#build()} validates every value.
 *
 * <p>Layers are named by their DL4J layer name (a MultiLayerNetwork's unnamed layers are called
 * {@code layer0}, {@code layer1}, ... by DL4J) or, for a MultiLayerNetwork, by index. A setting for a
 * layer applies to the channel group that layer produces; in a coupled group (a residual stage) the
 * strictest setting of its producers wins, and excluding one producer excludes the group.
 */
public final class PrunableOptions {

    private final Set<String> excludedNames;
    private final Set<Integer> excludedIndices;
    private final int minChannels;
    private final Map<String, Integer> minChannelsByLayer;
    private final double maxPruneFraction;
    private final Map<String, Double> maxPruneFractionByLayer;
    private final int channelMultiple;
    private final boolean pruneDense;
    private final boolean keepInputLayer;
    private final boolean keepOutputFeeding;
    private final InputType[] inputTypes;

    private PrunableOptions(Builder b) {
        this.excludedNames = Collections.unmodifiableSet(new LinkedHashSet<>(b.excludedNames));
        this.excludedIndices = Collections.unmodifiableSet(new LinkedHashSet<>(b.excludedIndices));
        this.minChannels = b.minChannels;
        this.minChannelsByLayer = Map.copyOf(b.minChannelsByLayer);
        this.maxPruneFraction = b.maxPruneFraction;
        this.maxPruneFractionByLayer = Map.copyOf(b.maxPruneFractionByLayer);
        this.channelMultiple = b.channelMultiple;
        this.pruneDense = b.pruneDense;
        this.keepInputLayer = b.keepInputLayer;
        this.keepOutputFeeding = b.keepOutputFeeding;
        this.inputTypes = b.inputTypes == null ? null : b.inputTypes.clone();
    }

    /** The defaults: every convolution group prunable down to 1 channel, dense layers not pruned. */
    public static PrunableOptions defaults() {
        return builder().build();
    }

    /** A new builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Whether a layer (by name, and for a MultiLayerNetwork by index, else -1) is excluded. */
    public boolean isExcluded(String layerName, int index) {
        return excludedNames.contains(layerName) || (index >= 0 && excludedIndices.contains(index));
    }

    /** The fewest channels a layer's group may keep, from minChannels and the maximum prune fraction. */
    public int minChannelsFor(String layerName, long channels) {
        int min = minChannelsByLayer.getOrDefault(layerName, minChannels);
        double maxFraction = maxPruneFractionByLayer.getOrDefault(layerName, maxPruneFraction);
        int fromFraction = (int) Math.ceil((1.0 - maxFraction) * channels - 1e-9);
        return (int) Math.min(channels, Math.max(1, Math.max(min, fromFraction)));
    }

    /** Hard channel counts are rounded to a multiple of this. */
    public int channelMultiple() {
        return channelMultiple;
    }

    /** Whether dense layers' units are pruned too (default false). */
    public boolean pruneDense() {
        return pruneDense;
    }

    /** Whether the groups read straight from the network input's layer are left unpruned (default false). */
    public boolean keepInputLayer() {
        return keepInputLayer;
    }

    /** Whether the groups read by an output layer are left unpruned (default false). */
    public boolean keepOutputFeeding() {
        return keepOutputFeeding;
    }

    /** The network input types given, or null to take them from the configuration or the network. */
    public InputType[] inputTypes() {
        return inputTypes == null ? null : inputTypes.clone();
    }

    @Override
    public String toString() {
        return "PrunableOptions{exclude=" + excludedNames + ", excludeIndices=" + excludedIndices + ", minChannels="
                + minChannels + " " + minChannelsByLayer + ", maxPruneFraction=" + maxPruneFraction + " "
                + maxPruneFractionByLayer + ", channelMultiple=" + channelMultiple + ", pruneDense=" + pruneDense
                + ", keepInputLayer=" + keepInputLayer + ", keepOutputFeeding=" + keepOutputFeeding + "}";
    }

    /** Builder of {@link PrunableOptions}. */
    public static final class Builder {
        private final Set<String> excludedNames = new LinkedHashSet<>();
        private final Set<Integer> excludedIndices = new LinkedHashSet<>();
        private int minChannels = 1;
        private final Map<String, Integer> minChannelsByLayer = new HashMap<>();
        private double maxPruneFraction = 1.0;
        private final Map<String, Double> maxPruneFractionByLayer = new HashMap<>();
        private int channelMultiple = 1;
        private boolean pruneDense;
        private boolean keepInputLayer;
        private boolean keepOutputFeeding;
        private InputType[] inputTypes;

        private Builder() {
        }

        /** Leaves these layers (by name) unpruned. */
        public Builder exclude(String... layerNames) {
            excludedNames.addAll(Arrays.asList(layerNames));
            return this;
        }

        /** Leaves these MultiLayerNetwork layers (by index) unpruned. */
        public Builder excludeIndices(int... indices) {
            for (int i : indices) {
                if (i < 0) {
                    throw new IllegalArgumentException("layer index must be >= 0, found " + i);
                }
                excludedIndices.add(i);
            }
            return this;
        }

        /** The fewest channels any group may keep (default 1). */
        public Builder minChannels(int min) {
            if (min < 1) {
                throw new IllegalArgumentException("minChannels must be >= 1, found " + min);
            }
            this.minChannels = min;
            return this;
        }

        /** The fewest channels the group of this layer may keep. */
        public Builder minChannels(String layerName, int min) {
            if (min < 1) {
                throw new IllegalArgumentException("minChannels for layer \"" + layerName + "\" must be >= 1, found " + min);
            }
            minChannelsByLayer.put(layerName, min);
            return this;
        }

        /** The largest fraction of any group's channels that may be pruned, in (0, 1] (default 1). */
        public Builder maxPruneFraction(double fraction) {
            checkFraction("maxPruneFraction", fraction);
            this.maxPruneFraction = fraction;
            return this;
        }

        /** The largest fraction of this layer's group that may be pruned, in (0, 1]. */
        public Builder maxPruneFraction(String layerName, double fraction) {
            checkFraction("maxPruneFraction for layer \"" + layerName + "\"", fraction);
            maxPruneFractionByLayer.put(layerName, fraction);
            return this;
        }

        /** Round kept channel counts to a multiple of this, e.g. 8 (default 1). */
        public Builder channelMultiple(int multiple) {
            if (multiple < 1) {
                throw new IllegalArgumentException("channelMultiple must be >= 1, found " + multiple);
            }
            this.channelMultiple = multiple;
            return this;
        }

        /** Also prune the units of dense layers (default false: convolutions only). */
        public Builder pruneDense(boolean prune) {
            this.pruneDense = prune;
            return this;
        }

        /** Leave the layers that read the network input unpruned (default false). */
        public Builder keepInputLayer(boolean keep) {
            this.keepInputLayer = keep;
            return this;
        }

        /** Leave the groups an output layer reads unpruned (default false). */
        public Builder keepOutputFeeding(boolean keep) {
            this.keepOutputFeeding = keep;
            return this;
        }

        /**
         * The network input types (one per network input), needed when neither the configuration
         * ({@code InputType.convolutionalFlat}, a dense first layer) nor the network's current input
         * tells them, e.g. for a configuration built with {@code setInputType(InputType.convolutional(h, w, c))}.
         * {@code prunable} records them in the masks, so nothing later asks for them again.
         */
        public Builder inputTypes(InputType... types) {
            if (types != null) {
                for (int i = 0; i < types.length; i++) {
                    if (types[i] == null) {
                        throw new IllegalArgumentException("inputTypes[" + i + "] is null; give one InputType per network input");
                    }
                }
            }
            this.inputTypes = types == null || types.length == 0 ? null : types.clone();
            return this;
        }

        private static void checkFraction(String name, double f) {
            if (!(f > 0 && f <= 1)) {
                throw new IllegalArgumentException(name + " must be in (0, 1], found " + f);
            }
        }

        /** Builds the options. */
        public PrunableOptions build() {
            return new PrunableOptions(this);
        }
    }
}

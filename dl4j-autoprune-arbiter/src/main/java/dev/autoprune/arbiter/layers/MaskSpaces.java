package dev.autoprune.arbiter.layers;

import dev.autoprune.arbiter.impl.RangeCheck;
import dev.autoprune.arbiter.impl.SpaceRanges;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;

import java.io.Serializable;
import java.util.Objects;
import java.util.Optional;

/**
 * The searchable mask constraints shared by the masked layer spaces: minimum channels, initial
 * remaining ratio and channel multiple. The mask's run-time state (mode, temperature, learnable)
 * is set by {@code AutoPruneListener}, not searched here.
 */
final class MaskSpaces implements Serializable {

    private static final long serialVersionUID = 1L;

    private MaskSpaces() {
    }

    /**
     * Refuses mask ranges that could produce an invalid layer, naming the layer space and the field.
     *
     * @param owner           the layer space, for messages
     * @param minChannels     space of the fewest kept channels (>= 1), or null
     * @param initialRatio    space of the starting ratio, in (0, 1], or null
     * @param channelMultiple space of the channel multiple (>= 1), or null
     * @param channels        space of the layer's channel count, or null when inferred
     * @param channelsField   the name of the channel count setting, for messages
     */
    static void check(String owner, ParameterSpace<Integer> minChannels, ParameterSpace<Double> initialRatio,
                      ParameterSpace<Integer> channelMultiple, ParameterSpace<Integer> channels, String channelsField) {
        RangeCheck check = new RangeCheck(owner);
        check.atLeast("minChannels", minChannels, 1);
        check.openClosed("initialRatio", initialRatio, 0, 1);
        check.atLeast("channelMultiple", channelMultiple, 1);
        check.atLeast(channelsField, channels, 1);
        Optional<SpaceRanges.Range> min = check.range("minChannels", minChannels);
        Optional<SpaceRanges.Range> width = check.range(channelsField, channels);
        if (min.isPresent() && width.isPresent() && min.get().max() > width.get().min()) {
            throw new IllegalArgumentException(owner + ": minChannels range " + min.get() + " reaches above the "
                    + channelsField + " range " + width.get() + "; a mask cannot keep more channels than the layer has. "
                    + "Lower minChannels or raise " + channelsField + ".");
        }
    }

    /** Whether two optional spaces are equal. */
    static boolean same(ParameterSpace<?> a, ParameterSpace<?> b) {
        return Objects.equals(a, b);
    }
}

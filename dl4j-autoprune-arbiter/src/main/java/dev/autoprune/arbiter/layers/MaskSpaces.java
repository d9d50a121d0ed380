package dev.autoprune.arbiter.layers;

import dev.autoprune.arbiter.impl.RangeCheck;
import dev.autoprune.arbiter.impl.SpaceRanges;
import dev.autoprune.layers.MaskSettingsBuilder;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;

import java.util.Objects;
import java.util.Optional;

/**
 * The searchable mask constraints shared by the masked layer spaces: minimum channels, initial
 * remaining ratio and channel multiple. The mask's run-time state (mode, temperature, learnable)
 * is set by {@code AutoPruneListener}, not searched here.
 *
 * <p>The spaces themselves stay fields of each layer space, because Arbiter finds a space's
 * hyperparameters by reflection on its fields and writes them to JSON by field; this class holds
 * what the two layer spaces do with them.
 */
public final class MaskSpaces {

    private MaskSpaces() {
    }

    /** The constraint spaces a layer-space builder has collected (see {@link MaskSpaceBuilder}). */
    public static final class Draft {
        ParameterSpace<Integer> minChannels;
        ParameterSpace<Double> initialRatio;
        ParameterSpace<Integer> channelMultiple;

        Draft() {
        }
    }

    /** Applies the drawn constraint values to a layer builder; a null space leaves the layer's default. */
    static void apply(MaskSettingsBuilder<?> layer, ParameterSpace<Integer> minChannels,
                      ParameterSpace<Double> initialRatio, ParameterSpace<Integer> channelMultiple, double[] values) {
        if (minChannels != null) {
            layer.minChannels(minChannels.getValue(values));
        }
        if (initialRatio != null) {
            layer.initialRatio(initialRatio.getValue(values));
        }
        if (channelMultiple != null) {
            layer.channelMultiple(channelMultiple.getValue(values));
        }
    }

    /**
     * Refuses mask ranges that could produce an invalid layer, naming the layer space and the field.
     *
     * @param owner         the layer space, for messages
     * @param draft         the constraint spaces given
     * @param channels      space of the layer's channel count, or null when inferred
     * @param channelsField the name of the channel count setting, for messages
     */
    static void check(String owner, Draft draft, ParameterSpace<Integer> channels, String channelsField) {
        RangeCheck check = new RangeCheck(owner);
        check.atLeast("minChannels", draft.minChannels, 1);
        check.openClosed("initialRatio", draft.initialRatio, 0, 1);
        check.atLeast("channelMultiple", draft.channelMultiple, 1);
        check.atLeast(channelsField, channels, 1);
        Optional<SpaceRanges.Range> min = check.range("minChannels", draft.minChannels);
        Optional<SpaceRanges.Range> width = check.range(channelsField, channels);
        if (min.isPresent() && width.isPresent() && min.get().max() > width.get().min()) {
            throw new IllegalArgumentException(owner + ": minChannels range " + min.get() + " reaches above the "
                    + channelsField + " range " + width.get() + "; a mask cannot keep more channels than the layer has. "
                    + "Lower minChannels or raise " + channelsField + ".");
        }
    }

    /** Whether two triples of constraint spaces are equal. */
    static boolean same(ParameterSpace<?>[] a, ParameterSpace<?>[] b) {
        return java.util.Arrays.equals(a, b);
    }

    /** The constraint spaces for toString, null ones left out. */
    static String describe(ParameterSpace<Integer> minChannels, ParameterSpace<Double> initialRatio,
                           ParameterSpace<Integer> channelMultiple) {
        StringBuilder sb = new StringBuilder();
        append(sb, "minChannels", minChannels);
        append(sb, "initialRatio", initialRatio);
        append(sb, "channelMultiple", channelMultiple);
        return sb.toString();
    }

    private static void append(StringBuilder sb, String name, ParameterSpace<?> space) {
        if (space != null) {
            sb.append(sb.length() == 0 ? "" : ", ").append(name).append(": ").append(space);
        }
    }

    /** The hash of the constraint spaces. */
    static int hash(ParameterSpace<?>... spaces) {
        return Objects.hash((Object[]) spaces);
    }
}

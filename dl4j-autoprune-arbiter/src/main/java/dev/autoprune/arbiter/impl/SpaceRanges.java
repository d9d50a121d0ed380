package dev.autoprune.arbiter.impl;

import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.FixedValue;
import org.deeplearning4j.arbiter.optimize.parameter.continuous.ContinuousParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.discrete.DiscreteParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.integer.IntegerParameterSpace;
import org.deeplearning4j.arbiter.optimize.serde.jackson.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the smallest and largest value a numeric Arbiter {@link ParameterSpace} can produce, so that
 * spaces can refuse impossible ranges when they are built rather than when a candidate fails.
 *
 * <p>A {@link FixedValue} gives its value. Arbiter's own numeric leaves (continuous, integer and
 * discrete spaces) are probed on a copy (made through Arbiter's JSON mapper, so the caller's space
 * keeps its indices): at 0, at 1 and on a grid in between, which finds the ends of continuous,
 * integer, log-uniform and discrete spaces. Other spaces (arithmetic of other spaces, a user's own
 * leaf type, which may not survive the JSON copy) have no known range; they are checked only when a
 * value is drawn.
 */
public final class SpaceRanges {

    private static final int GRID = 64;

    private SpaceRanges() {
    }

    /** The closed interval [min, max] of values a space can produce. */
    public record Range(double min, double max) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "[%s, %s]", fmt(min), fmt(max));
        }

        private static String fmt(double v) {
            return v == Math.rint(v) && !Double.isInfinite(v) ? Long.toString((long) v) : Double.toString(v);
        }
    }

    /**
     * The range of a numeric space, when it can be found.
     *
     * @param field the setting's name, for messages
     * @param space a space of numbers, or null
     * @return the range, or empty if the space is null or not one of Arbiter's numeric leaves
     * @throws IllegalArgumentException if the space produces something other than a number
     */
    public static Optional<Range> of(String field, ParameterSpace<? extends Number> space) {
        if (space == null) {
            return Optional.empty();
        }
        if (space instanceof FixedValue<?> fixed) {
            double v = number(field, fixed.getValue(new double[0]));
            return Optional.of(new Range(v, v));
        }
        if (!isProbeable(space)) {
            return Optional.empty();
        }
        ParameterSpace<?> copy = copy(space);
        copy.setIndices(0);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i <= GRID + 1; i++) {
            double u = i == 0 ? 0.0 : i == GRID + 1 ? 1.0 : (i - 0.5) / GRID;
            double v = number(field, copy.getValue(new double[] {u}));
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return Optional.of(new Range(min, max));
    }

    /** Arbiter's single-parameter numeric leaves, which its JSON mapper copies. */
    private static boolean isProbeable(ParameterSpace<?> space) {
        return space.isLeaf() && space.numParameters() == 1 && (space instanceof ContinuousParameterSpace
                || space instanceof IntegerParameterSpace || space instanceof DiscreteParameterSpace<?>);
    }

    private static ParameterSpace<?> copy(ParameterSpace<?> space) {
        try {
            String json = JsonMapper.getMapper().writeValueAsString(space);
            return JsonMapper.getMapper().readValue(json, ParameterSpace.class);
        } catch (IOException e) {
            // Arbiter writes and reads its own spaces; failing here is a bug, not a space without a range.
            throw new UncheckedIOException("Could not copy " + space + " through Arbiter's JSON to find its range", e);
        }
    }

    private static double number(String field, Object value) {
        if (!(value instanceof Number n)) {
            throw new IllegalArgumentException(field + " space must produce numbers, found "
                    + (value == null ? "null" : value.getClass().getName() + " " + value));
        }
        return n.doubleValue();
    }
}

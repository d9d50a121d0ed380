package dev.autoprune.flops;

import dev.autoprune.graph.ChannelLayout;
import dev.autoprune.graph.Segment;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code c + sum_g a_g * r_g}: a channel count as a function of the remaining ratios of the groups
 * that make it up (an activation of layout [g1: 8 channels, g2: 4 channels] has {@code 8 r_1 + 4 r_2}
 * channels). A layer rule's cost terms multiply these ({@link CostContext#in()}, {@link CostContext#out()}).
 * Immutable.
 */
public final class LinearForm {

    /** The constant 1. */
    public static final LinearForm ONE = new LinearForm(1, Map.of());

    private final double constant;
    private final Map<String, Double> coefficients;

    private LinearForm(double constant, Map<String, Double> coefficients) {
        this.constant = constant;
        this.coefficients = Collections.unmodifiableMap(new LinkedHashMap<>(coefficients));
    }

    /** The constant {@code c}. */
    public static LinearForm constant(double c) {
        return new LinearForm(c, Map.of());
    }

    /** The element count of a layout; groups for which {@code variable} is false contribute a constant. */
    static LinearForm of(ChannelLayout layout, java.util.function.Predicate<String> variable) {
        double c = 0;
        Map<String, Double> a = new LinkedHashMap<>();
        for (Segment s : layout.segments()) {
            if (variable.test(s.groupId())) {
                a.merge(s.groupId(), (double) s.size(), Double::sum);
            } else {
                c += s.size();
            }
        }
        return new LinearForm(c, a).times(layout.positions());
    }

    /** This form scaled by {@code k}. */
    public LinearForm times(double k) {
        Map<String, Double> a = new LinkedHashMap<>();
        coefficients.forEach((g, v) -> a.put(g, v * k));
        return new LinearForm(constant * k, a);
    }

    /** The value with the given remaining ratio per group id (missing groups: 1). */
    public double value(Map<String, Double> ratios) {
        double v = constant;
        for (Map.Entry<String, Double> e : coefficients.entrySet()) {
            v += e.getValue() * ratios.getOrDefault(e.getKey(), 1.0);
        }
        return v;
    }

    /** The coefficient {@code a_g} of each group's ratio (its derivative), unmodifiable. */
    public Map<String, Double> coefficients() {
        return coefficients;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder().append(constant);
        coefficients.forEach((g, a) -> sb.append(" + ").append(a).append("*r[").append(g).append(']'));
        return sb.toString();
    }
}

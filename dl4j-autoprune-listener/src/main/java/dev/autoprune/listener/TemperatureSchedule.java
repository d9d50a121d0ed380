package dev.autoprune.listener;

import java.io.Serializable;

/**
 * Geometric annealing of the soft-mask temperature from {@code start} to {@code end}:
 * {@code tau(p) = start * (end / start)^p} for search progress {@code p} in [0, 1].
 *
 * <p>Geometric rather than linear because the mask's sharpness scales with {@code 1/tau}: equal
 * ratios per step sharpen it at an even pace.
 */
public final class TemperatureSchedule implements Serializable {

    private static final long serialVersionUID = 1L;

    private final double start;
    private final double end;

    /**
     * @param start tau at the start of the search (> 0)
     * @param end   tau at the end of the search (> 0, <= start)
     */
    public TemperatureSchedule(double start, double end) {
        if (!(start > 0) || Double.isInfinite(start)) {
            throw new IllegalArgumentException("temperature start must be > 0 and finite, found " + start);
        }
        if (!(end > 0) || end > start) {
            throw new IllegalArgumentException("temperature end must be in (0, start=" + start + "], found " + end);
        }
        this.start = start;
        this.end = end;
    }

    /** tau at the start. */
    public double start() {
        return start;
    }

    /** tau at the end. */
    public double end() {
        return end;
    }

    /** tau at progress {@code p}, clamped to [0, 1]. */
    public double at(double p) {
        double q = Math.min(1.0, Math.max(0.0, p));
        return start * Math.pow(end / start, q);
    }

    @Override
    public String toString() {
        return "TemperatureSchedule(" + start + " -> " + end + ")";
    }
}

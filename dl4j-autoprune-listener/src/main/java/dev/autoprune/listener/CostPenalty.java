package dev.autoprune.listener;

import java.io.Serializable;

/**
 * The cost penalty {@code lambda * P(F; T)} with {@code P = (ln(F / T))^2}, where {@code F} is the
 * cost fraction of the listener's {@code CostModel} (FLOPs by default) and {@code T} the target: zero
 * at the target, symmetric in the log-ratio, so it pushes the ratios down when the network is too
 * expensive and lets them rise when it is too cheap (docs/METHOD.md, "FLOPs penalty").
 */
public final class CostPenalty implements Serializable {

    private static final long serialVersionUID = 1L;

    private final double target;
    private final double lambda;

    /**
     * @param target the target remaining cost fraction T, in (0, 1)
     * @param lambda the penalty weight, >= 0
     */
    public CostPenalty(double target, double lambda) {
        if (!(target > 0 && target < 1)) {
            throw new IllegalArgumentException("target must be in (0, 1), found " + target);
        }
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("lambda must be >= 0 and finite, found " + lambda);
        }
        this.target = target;
        this.lambda = lambda;
    }

    /** T. */
    public double target() {
        return target;
    }

    /** lambda. */
    public double lambda() {
        return lambda;
    }

    /** {@code lambda * (ln(F/T))^2}. */
    public double value(double fraction) {
        double l = Math.log(fraction / target);
        return lambda * l * l;
    }

    /** {@code d(lambda P)/dF = 2 lambda ln(F/T) / F}. */
    public double derivative(double fraction) {
        return 2 * lambda * Math.log(fraction / target) / fraction;
    }
}

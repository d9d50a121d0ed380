package dev.autoprune.listener;

import java.io.Serializable;

/**
 * The cost penalty {@code lambda * P(F; A)} with {@code P = (ln(F / A))^2}, where {@code F} is the
 * cost fraction of the listener's {@code CostModel} (FLOPs by default) and {@code A} the aim, half the
 * stopping tolerance below the target {@code T} ({@link #aim(double, double)}): zero at the aim,
 * symmetric in the log-ratio, so it pushes the ratios down when the network is too expensive and lets
 * them rise when it is too cheap (docs/METHOD.md, "FLOPs penalty").
 */
public final class CostPenalty implements Serializable {

    private static final long serialVersionUID = 1L;

    private final double target;
    private final double lambda;
    private final double aim;

    /**
     * @param target    the target remaining cost fraction T, in (0, 1)
     * @param lambda    the penalty weight, >= 0
     * @param tolerance the stopping rule's tolerance below the target, >= 0 (0 centres the penalty on T)
     */
    public CostPenalty(double target, double lambda, double tolerance) {
        if (!(target > 0 && target < 1)) {
            throw new IllegalArgumentException("target must be in (0, 1), found " + target);
        }
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("lambda must be >= 0 and finite, found " + lambda);
        }
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
            throw new IllegalArgumentException("tolerance must be >= 0 and finite, found " + tolerance);
        }
        this.target = target;
        this.lambda = lambda;
        this.aim = aim(target, tolerance);
    }

    /**
     * Where the penalty is centred: {@code T - min(tolerance, T) / 2}, the middle of the stopping rule's
     * band {@code [T - tolerance, T]} (and never below {@code T / 2}, so it stays above 0). Why not T: the
     * rule accepts no fraction above T, and the task loss, which always favours keeping channels, holds the
     * fraction a little above the penalty's centre; centred on T, searches settled just above it, never met
     * the rule and ran to their last epoch (BENCHMARKS.md, "a ratio update that keeps the groups' gradient
     * sizes"). Centred inside the band, that pull leaves the fraction inside it.
     */
    public static double aim(double target, double tolerance) {
        return target - Math.min(tolerance, target) / 2;
    }

    /** T. */
    public double target() {
        return target;
    }

    /** The fraction the penalty is centred on, {@link #aim(double, double)}. */
    public double aim() {
        return aim;
    }

    /** lambda. */
    public double lambda() {
        return lambda;
    }

    /** {@code lambda * (ln(F/A))^2}, A the {@link #aim()}. */
    public double value(double fraction) {
        double l = Math.log(fraction / aim);
        return lambda * l * l;
    }

    /** {@code d(lambda P)/dF = 2 lambda ln(F/A) / F}. */
    public double derivative(double fraction) {
        return 2 * lambda * Math.log(fraction / aim) / fraction;
    }
}

package dev.autoprune.arbiter.impl;

import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;

import java.util.Optional;

/**
 * Build-time checks of numeric spaces: each refuses a space whose range reaches outside the allowed
 * interval, naming the owner, the field, the range found and the rule.
 */
public final class RangeCheck {

    private final String owner;

    /**
     * Creates the checks of one space.
     *
     * @param owner what is being built, for messages (e.g. {@code "AutoPruneSpace"})
     */
    public RangeCheck(String owner) {
        this.owner = owner;
    }

    /** Requires every value to lie in the open interval (low, high). */
    public void open(String field, ParameterSpace<? extends Number> space, double low, double high) {
        range(field, space).ifPresent(r -> {
            if (!(r.min() > low && r.max() < high)) {
                throw fail(field, r, "must lie inside (" + low + ", " + high + ")");
            }
        });
    }

    /** Requires every value to lie in (low, high]. */
    public void openClosed(String field, ParameterSpace<? extends Number> space, double low, double high) {
        range(field, space).ifPresent(r -> {
            if (!(r.min() > low && r.max() <= high)) {
                throw fail(field, r, "must lie inside (" + low + ", " + high + "]");
            }
        });
    }

    /** Requires every value to be at least {@code min} (and finite). */
    public void atLeast(String field, ParameterSpace<? extends Number> space, double min) {
        range(field, space).ifPresent(r -> {
            if (!(r.min() >= min) || Double.isInfinite(r.max())) {
                throw fail(field, r, "must be >= " + fmt(min) + " and finite");
            }
        });
    }

    /** Requires every value to be greater than {@code min} (and finite). */
    public void above(String field, ParameterSpace<? extends Number> space, double min) {
        range(field, space).ifPresent(r -> {
            if (!(r.min() > min) || Double.isInfinite(r.max())) {
                throw fail(field, r, "must be > " + fmt(min) + " and finite");
            }
        });
    }

    /**
     * Requires every value of {@code lowField} to be at most every value of {@code highField}, so
     * that no draw can break the order (e.g. temperature end &lt;= start).
     */
    public void ordered(String lowField, ParameterSpace<? extends Number> low, String highField,
                        ParameterSpace<? extends Number> high) {
        Optional<SpaceRanges.Range> lo = range(lowField, low);
        Optional<SpaceRanges.Range> hi = range(highField, high);
        if (lo.isPresent() && hi.isPresent() && lo.get().max() > hi.get().min()) {
            throw new IllegalArgumentException(owner + ": " + lowField + " range " + lo.get() + " reaches above "
                    + highField + " range " + hi.get() + "; every " + lowField + " must be <= every " + highField
                    + ", so make the ranges not overlap");
        }
    }

    /** The range of a space, when known. */
    public Optional<SpaceRanges.Range> range(String field, ParameterSpace<? extends Number> space) {
        try {
            return SpaceRanges.of(field, space);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(owner + ": " + e.getMessage(), e);
        }
    }

    private IllegalArgumentException fail(String field, SpaceRanges.Range r, String rule) {
        return new IllegalArgumentException(owner + ": " + field + " " + rule + ", found range " + r);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}

package dev.autoprune.listener;

import dev.autoprune.layers.MaskedLayer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What the stopping rule's band means when a search runs out (its last search epoch) without meeting it:
 * the masks harden inside the band {@code [T - tolerance, T]} as far as the channel steps allow, and never
 * above the target {@code T}. Every group's ratio logit theta moves by one common shift before the masks
 * harden, found by bisection on the cost model's hard fraction at the shifted logits:
 * <ul>
 *   <li>ended above {@code T} ({@link #toTarget}): lowered by the smallest shift that brings the hard
 *       fraction to or below {@code T};</li>
 *   <li>ended below the band ({@link #upToTarget}): raised by the largest shift that keeps it at or below
 *       {@code T} (a search that passed through the band faster than its patience would otherwise spend
 *       less than the budget it was given, and be compared with methods pruned to the full budget).</li>
 * </ul>
 * A common shift keeps the order of the groups' logits, so the learned allocation keeps its shape; tied
 * masks move together. No group goes below its minChannels. One channel can cost more than the tolerance
 * (a tiny net), so a common shift can land far below the target; the channels are then given back one at
 * a time, to the group whose soft count was closest to rounding up, while the hard fraction stays at or
 * below {@code T}.
 */
final class TargetProjection {

    private static final Logger log = LoggerFactory.getLogger(TargetProjection.class);

    /** A shift this large puts every sigmoid(theta - shift) at 0: every group at its minChannels. */
    static final double MAX_SHIFT = 1000;
    private static final int BISECTIONS = 60;

    private TargetProjection() {
    }

    /**
     * Lowers the logits of {@code bound}'s groups so that the hard fraction is at most {@code target}.
     *
     * @return the shift taken, 0 when the hard fraction was at or below the target already
     * @throws IllegalStateException if even every group at its minimum width is above the target (the
     *                               listener refuses such targets when it binds, so this names a bug)
     */
    static double toTarget(BoundNetwork bound, double target) {
        double before = bound.hardFraction();
        if (before <= target) {
            return 0.0;
        }
        TiedMasks masks = bound.masks;
        double floor = fractionAt(bound, MAX_SHIFT);
        if (floor > target) {
            throw new IllegalStateException(String.format(Locale.ROOT, "AutoPruneListener: the search ended at %s "
                    + "fraction %.4f, above the target %s, and even every group at its fewest channels keeps %.4f "
                    + "(minChannels, rounded to channelMultiple): raise the target or lower minChannels",
                    bound.cost.name(), before, target, floor));
        }
        double shift = settle(bound, target, smallestShiftAtOrBelow(bound, target));
        double after = bound.hardFraction();
        log.warn(String.format(Locale.ROOT, "AutoPrune: the search ended above the target at %s fraction %.4f "
                + "(target %s); every group's ratio logit lowered by %.4f, to %s fraction %.4f", bound.cost.name(),
                before, target, shift, bound.cost.name(), after));
        return shift;
    }

    /**
     * Raises the logits of {@code bound}'s groups by the largest common shift at which the hard fraction
     * stays at or below {@code target}, then gives back single channels while it stays there.
     *
     * @return the shift taken (negative: the logits went up), 0 when the hard fraction was already inside
     *         the band {@code [target - tolerance, target]} or above the target (that is {@link #toTarget}'s)
     */
    static double upToTarget(BoundNetwork bound, double target, double tolerance) {
        double before = bound.hardFraction();
        if (before >= target - tolerance) {
            return 0.0;
        }
        // settle may lower by a hair again (float logits), so a raise too small to add a channel can end at 0
        double shift = settle(bound, target, smallestShiftAtOrBelow(bound, target));
        double after = bound.hardFraction();
        log.warn(String.format(Locale.ROOT, "AutoPrune: the search ran out below the stopping band at %s fraction "
                + "%.4f (target %s, tolerance %s); every group's ratio logit raised by %.4f, to %s fraction %.4f",
                bound.cost.name(), before, target, tolerance, Math.max(0.0, -shift), bound.cost.name(), after));
        return shift;
    }

    /**
     * The smallest common shift at which the hard fraction is at or below {@code target} (the fraction falls
     * as the shift grows): positive (lowering the logits) from a fraction above the target, negative (raising
     * them) from one at or below it. Brackets it by doubling from 0, within {@code MAX_SHIFT}, then bisects.
     */
    private static double smallestShiftAtOrBelow(BoundNetwork bound, double target) {
        double lo; // above the target
        double hi; // at or below it
        if (fractionAt(bound, 0.0) > target) {
            lo = 0.0;
            hi = 1.0;
            while (hi < MAX_SHIFT && fractionAt(bound, hi) > target) {
                lo = hi;
                hi = Math.min(2 * hi, MAX_SHIFT);
            }
        } else {
            hi = 0.0;
            lo = -1.0;
            while (lo > -MAX_SHIFT && fractionAt(bound, lo) <= target) {
                hi = lo;
                lo = Math.max(2 * lo, -MAX_SHIFT);
            }
        }
        for (int i = 0; i < BISECTIONS && hi - lo > 1e-9; i++) {
            double mid = (lo + hi) / 2;
            if (fractionAt(bound, mid) <= target) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }

    /**
     * Applies the common {@code shift} found by bisection (lowering every logit by it), makes sure the stored
     * logits keep the hard fraction at or below {@code target}, and gives back what single channels fit.
     *
     * @return the shift finally taken
     */
    private static double settle(BoundNetwork bound, double target, double shift) {
        TiedMasks masks = bound.masks;
        masks.shiftThetas(shift);
        // theta is stored in the network's data type (float, usually): at the bisection's boundary the stored
        // value can round back to the wider count. Then lower it by a little more, doubling, until it holds.
        for (double extra = 1e-6; bound.hardFraction() > target; extra *= 2) {
            masks.shiftThetas(extra);
            shift += extra;
        }
        int added = fillUp(bound, target, masks.hardCountsShifted(0), softCounts(masks));
        if (added > 0) {
            log.info(String.format(Locale.ROOT, "AutoPrune: %d channel(s) given back after the shift, to %s "
                    + "fraction %.4f", added, bound.cost.name(), bound.hardFraction()));
        }
        return shift;
    }

    /**
     * Gives channels back, one step (the channel multiple) at a time, to the group whose soft kept count
     * lies furthest above its hard count, among those whose step keeps the hard fraction at or below
     * {@code target}; stops when no group can take one.
     *
     * @return the number of steps given back
     */
    static int fillUp(BoundNetwork bound, double target, Map<String, Integer> counts, Map<String, Double> soft) {
        TiedMasks masks = bound.masks;
        int added = 0;
        while (true) {
            String best = null;
            double bestRemainder = Double.NEGATIVE_INFINITY;
            for (String g : masks.groupIds()) {
                int step = masks.first(g).maskConfig().getMaskSettings().getChannelMultiple();
                int n = counts.get(g) + step;
                if (n > masks.first(g).channels()) {
                    continue;
                }
                Map<String, Integer> trial = new LinkedHashMap<>(counts);
                trial.put(g, n);
                double remainder = soft.get(g) - counts.get(g);
                if (bound.cost.hardFraction(trial) <= target && remainder > bestRemainder) {
                    best = g;
                    bestRemainder = remainder;
                }
            }
            if (best == null) {
                return added;
            }
            int step = masks.first(best).maskConfig().getMaskSettings().getChannelMultiple();
            counts.put(best, counts.get(best) + step);
            masks.setTheta(best, masks.thetaForCount(best, counts.get(best)));
            soft.put(best, soft.get(best) + step); // the next step for this group waits for a full channel more
            added++;
        }
    }

    private static Map<String, Double> softCounts(TiedMasks masks) {
        Map<String, Double> soft = new LinkedHashMap<>();
        for (String g : masks.groupIds()) {
            MaskedLayer m = masks.first(g);
            soft.put(g, dev.autoprune.layers.impl.ChannelMask.keptCount(m.theta(), m.channels(),
                    m.maskConfig().getMaskSettings().getMinChannels()));
        }
        return soft;
    }

    private static double fractionAt(BoundNetwork bound, double shift) {
        return bound.cost.hardFraction(bound.masks.hardCountsShifted(shift));
    }
}

package dev.autoprune.listener;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;

/**
 * The guarantee behind the stopping rule's "never above the target": when a search ends without meeting
 * the rule (its last search epoch) with the hard cost fraction above the target {@code T}, every group's
 * ratio logit theta is lowered by one common shift before the masks harden, the smallest shift (found by
 * bisection on the cost model's hard fraction at the shifted logits) at which the hard fraction is at or
 * below {@code T}. A common shift keeps the order of the groups' logits, so the learned allocation keeps
 * its shape; tied masks move together. No group goes below its minChannels.
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
        double lo = 0.0; // above the target
        double hi = 1.0;
        while (hi < MAX_SHIFT && fractionAt(bound, hi) > target) {
            lo = hi;
            hi = Math.min(2 * hi, MAX_SHIFT);
        }
        for (int i = 0; i < BISECTIONS && hi - lo > 1e-9; i++) {
            double mid = (lo + hi) / 2;
            if (fractionAt(bound, mid) <= target) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        masks.shiftThetas(hi);
        // theta is stored in the network's data type (float, usually): at the bisection's boundary the stored
        // value can round back to the wider count. Then lower it by a little more, doubling, until it holds.
        double shift = hi;
        for (double extra = 1e-6; bound.hardFraction() > target; extra *= 2) {
            masks.shiftThetas(extra);
            shift += extra;
        }
        double after = bound.hardFraction();
        log.warn(String.format(Locale.ROOT, "AutoPrune: the search ended above the target at %s fraction %.4f "
                + "(target %s); every group's ratio logit lowered by %.4f, to %s fraction %.4f", bound.cost.name(),
                before, target, shift, bound.cost.name(), after));
        return shift;
    }

    private static double fractionAt(BoundNetwork bound, double shift) {
        return bound.cost.hardFraction(bound.masks.hardCountsShifted(shift));
    }
}

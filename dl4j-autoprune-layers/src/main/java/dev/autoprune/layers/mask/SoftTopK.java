package dev.autoprune.layers.mask;

import java.util.Arrays;

/**
 * Differentiable soft top-k channel mask: the pure math behind every mask in this project, with no
 * DL4J types.
 *
 * <p>Given scores {@code s} (length C), a soft keep-count {@code k} in [0, C] and a temperature
 * {@code tau}, the mask is {@code m_i = sigmoid((s_i - t) / tau)} where the threshold {@code t} solves
 * {@code sum_i m_i = k}. The backward pass uses implicit differentiation of that constraint: with
 * {@code q_i = m_i (1 - m_i)} and {@code D = sum_i q_i},
 * {@code dL/dk = sum_i g_i q_i / D} and {@code dL/ds_j = (q_j / tau) (g_j - dL/dk)}, both O(C).
 *
 * <p>Reference: B. Li, Y. Fan, Z. Pan, G. Zhang, "AutoPruning for Deep Neural Network with Dynamic
 * Channel Masking", arXiv:2010.12021 (2020); the formulation is this project's reconstruction (see
 * {@code docs/METHOD.md}).
 */
public final class SoftTopK {

    /** Relative tolerance on {@code sum m = k} that the threshold search reaches. */
    public static final double SUM_TOLERANCE = 1e-9;

    private SoftTopK() {
    }

    /**
     * The soft mask and the quantities its backward pass needs.
     *
     * @param mask      {@code m_i}, each in [0, 1]
     * @param threshold the threshold {@code t} (infinite when {@code k} is 0 or C)
     * @param tau       the temperature used
     */
    public record Result(double[] mask, double threshold, double tau) {

        /**
         * Backward pass: turns the upstream gradient {@code g_i = dL/dm_i} into {@code dL/dk} and
         * {@code dL/ds}.
         *
         * @param upstream   {@code dL/dm}, length C
         * @param dScoresOut receives {@code dL/ds}, length C
         * @return {@code dL/dk}
         */
        public double backward(double[] upstream, double[] dScoresOut) {
            int c = mask.length;
            if (upstream.length != c || dScoresOut.length != c) {
                throw new IllegalArgumentException("Gradient length must equal channel count " + c
                        + ", found upstream=" + upstream.length + ", out=" + dScoresOut.length);
            }
            double d = 0;
            double gq = 0;
            for (int i = 0; i < c; i++) {
                double q = mask[i] * (1 - mask[i]);
                d += q;
                gq += upstream[i] * q;
            }
            if (d <= 0) {
                // Every channel is saturated (or k is 0 or C): the mask does not move with s or k.
                Arrays.fill(dScoresOut, 0.0);
                return 0.0;
            }
            double dLdk = gq / d;
            for (int j = 0; j < c; j++) {
                double q = mask[j] * (1 - mask[j]);
                dScoresOut[j] = (q / tau) * (upstream[j] - dLdk);
            }
            return dLdk;
        }
    }

    /**
     * Computes the soft top-k mask.
     *
     * @param scores channel scores, length C >= 1, all finite
     * @param k      soft keep-count, in [0, C]
     * @param tau    temperature, > 0
     * @return the mask, whose entries sum to {@code k} within {@link #SUM_TOLERANCE} relative
     */
    public static Result forward(double[] scores, double k, double tau) {
        int c = scores.length;
        if (c == 0) {
            throw new IllegalArgumentException("scores must not be empty");
        }
        if (!(tau > 0) || Double.isInfinite(tau)) {
            throw new IllegalArgumentException("tau must be > 0 and finite, found " + tau);
        }
        if (!(k >= 0 && k <= c)) {
            throw new IllegalArgumentException("k must be in [0, " + c + "], found " + k);
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double s : scores) {
            if (!Double.isFinite(s)) {
                throw new IllegalArgumentException("scores must be finite, found " + s);
            }
            lo = Math.min(lo, s);
            hi = Math.max(hi, s);
        }
        double[] mask = new double[c];
        if (k >= c) {
            Arrays.fill(mask, 1.0);
            return new Result(mask, Double.NEGATIVE_INFINITY, tau);
        }
        if (k <= 0) {
            return new Result(mask, Double.POSITIVE_INFINITY, tau);
        }
        // f(t) = sum sigmoid((s - t)/tau) - k is decreasing in t. At t = lo - tau*z every mask is at
        // least sigmoid(z); at t = hi + tau*z every mask is at most sigmoid(-z). Choosing z from k
        // brackets the root.
        double zLo = logit(k / c);       // all channels at least k/c -> sum >= k
        double zHi = -logit(k / c);
        double tLow = lo - tau * zLo;   // f(tLow) >= 0
        double tHigh = hi + tau * zHi;  // f(tHigh) <= 0
        if (tLow > tHigh) {
            double swap = tLow;
            tLow = tHigh;
            tHigh = swap;
        }
        tLow -= tau;
        tHigh += tau;
        double t = 0.5 * (tLow + tHigh);
        // Safeguarded Newton: Newton steps inside the bracket, bisection when a step leaves it.
        for (int iter = 0; iter < 200; iter++) {
            double sum = 0;
            double deriv = 0;
            for (int i = 0; i < c; i++) {
                double m = sigmoid((scores[i] - t) / tau);
                sum += m;
                deriv += m * (1 - m);
            }
            double f = sum - k;
            if (Math.abs(f) <= SUM_TOLERANCE * Math.max(1.0, k)) {
                break;
            }
            if (f > 0) {
                tLow = t;
            } else {
                tHigh = t;
            }
            double next = deriv > 0 ? t + f * tau / deriv : Double.NaN;
            if (!(next > tLow && next < tHigh)) {
                next = 0.5 * (tLow + tHigh);
            }
            if (next == t) {
                break;
            }
            t = next;
        }
        for (int i = 0; i < c; i++) {
            mask[i] = sigmoid((scores[i] - t) / tau);
        }
        return new Result(mask, t, tau);
    }

    /**
     * Hard top-k: exactly {@code n} ones at the channels with the largest scores, ties broken by the
     * lower index.
     *
     * @param scores channel scores
     * @param n      how many channels to keep, in [0, C]
     * @return the 0/1 mask
     */
    public static double[] hard(double[] scores, int n) {
        int[] kept = topIndices(scores, n);
        double[] mask = new double[scores.length];
        for (int i : kept) {
            mask[i] = 1.0;
        }
        return mask;
    }

    /**
     * The indices of the {@code n} largest scores (ties by lower index), in increasing index order.
     *
     * @param scores channel scores
     * @param n      how many to return, in [0, C]
     * @return sorted kept indices
     */
    public static int[] topIndices(double[] scores, int n) {
        int c = scores.length;
        if (n < 0 || n > c) {
            throw new IllegalArgumentException("n must be in [0, " + c + "], found " + n);
        }
        Integer[] order = new Integer[c];
        for (int i = 0; i < c; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> {
            int cmp = Double.compare(scores[b], scores[a]);
            return cmp != 0 ? cmp : Integer.compare(a, b);
        });
        int[] kept = new int[n];
        for (int i = 0; i < n; i++) {
            kept[i] = order[i];
        }
        Arrays.sort(kept);
        return kept;
    }

    /** Numerically stable logistic function. */
    public static double sigmoid(double x) {
        if (x >= 0) {
            return 1.0 / (1.0 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1.0 + e);
    }

    /** Inverse of {@link #sigmoid(double)} for p in (0, 1). */
    public static double logit(double p) {
        return Math.log(p / (1 - p));
    }
}

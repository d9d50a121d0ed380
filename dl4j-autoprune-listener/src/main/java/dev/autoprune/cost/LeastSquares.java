package dev.autoprune.cost;

/**
 * Weighted least squares with a sign constraint: minimises {@code sum_i w_i^2 (A_i . c - y_i)^2} with
 * the coefficients flagged non-negative kept {@code >= 0}. The problem is tiny (at most four
 * coefficients), so the exact constrained optimum is found by solving the unconstrained problem on
 * every subset of the constrained coefficients and keeping the feasible solution with the smallest
 * residual (the optimum of a convex problem is the unconstrained optimum on its support; C. L. Lawson
 * and R. J. Hanson, "Solving Least Squares Problems", 1974, ch. 23).
 */
final class LeastSquares {

    private LeastSquares() {
    }

    /**
     * @param a           rows of features
     * @param y           targets
     * @param w           row weights
     * @param nonNegative per coefficient, whether it must be {@code >= 0}
     * @return the coefficients
     */
    static double[] solve(double[][] a, double[] y, double[] w, boolean[] nonNegative) {
        int n = nonNegative.length;
        double[] best = new double[n];
        double bestResidual = Double.POSITIVE_INFINITY;
        int constrained = 0;
        for (boolean b : nonNegative) {
            constrained += b ? 1 : 0;
        }
        for (int mask = 0; mask < (1 << constrained); mask++) {
            boolean[] active = new boolean[n];
            int k = 0;
            for (int j = 0; j < n; j++) {
                if (nonNegative[j]) {
                    active[j] = ((mask >> k) & 1) == 1;
                    k++;
                } else {
                    active[j] = true;
                }
            }
            double[] c = unconstrained(a, y, w, active);
            if (c == null || !feasible(c, nonNegative)) {
                continue;
            }
            double r = residual(a, y, w, c);
            if (r < bestResidual) {
                bestResidual = r;
                best = c;
            }
        }
        return best;
    }

    private static boolean feasible(double[] c, boolean[] nonNegative) {
        for (int j = 0; j < c.length; j++) {
            if (nonNegative[j] && c[j] < 0) {
                return false;
            }
        }
        return true;
    }

    private static double residual(double[][] a, double[] y, double[] w, double[] c) {
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            double e = w[i] * (dot(a[i], c) - y[i]);
            s += e * e;
        }
        return s;
    }

    private static double dot(double[] u, double[] v) {
        double s = 0;
        for (int j = 0; j < u.length; j++) {
            s += u[j] * v[j];
        }
        return s;
    }

    /** The normal equations on the active coefficients (the others 0); null when singular. */
    private static double[] unconstrained(double[][] a, double[] y, double[] w, boolean[] active) {
        int n = active.length;
        int[] idx = new int[n];
        int m = 0;
        for (int j = 0; j < n; j++) {
            if (active[j]) {
                idx[m++] = j;
            }
        }
        double[][] g = new double[m][m + 1];
        for (int i = 0; i < y.length; i++) {
            double wi = w[i] * w[i];
            for (int p = 0; p < m; p++) {
                for (int q = 0; q < m; q++) {
                    g[p][q] += wi * a[i][idx[p]] * a[i][idx[q]];
                }
                g[p][m] += wi * a[i][idx[p]] * y[i];
            }
        }
        double[] sol = gauss(g, m);
        if (sol == null) {
            return null;
        }
        double[] c = new double[n];
        for (int p = 0; p < m; p++) {
            c[idx[p]] = sol[p];
        }
        return c;
    }

    /** Gaussian elimination with partial pivoting on the augmented matrix; null when singular. */
    private static double[] gauss(double[][] g, int m) {
        double scale = 0;
        for (int p = 0; p < m; p++) {
            scale = Math.max(scale, Math.abs(g[p][p]));
        }
        for (int col = 0; col < m; col++) {
            int piv = col;
            for (int r = col + 1; r < m; r++) {
                if (Math.abs(g[r][col]) > Math.abs(g[piv][col])) {
                    piv = r;
                }
            }
            if (Math.abs(g[piv][col]) <= 1e-12 * Math.max(scale, Double.MIN_NORMAL)) {
                return null;
            }
            double[] tmp = g[col];
            g[col] = g[piv];
            g[piv] = tmp;
            for (int r = 0; r < m; r++) {
                if (r != col) {
                    double f = g[r][col] / g[col][col];
                    for (int k = col; k <= m; k++) {
                        g[r][k] -= f * g[col][k];
                    }
                }
            }
        }
        double[] x = new double[m];
        for (int p = 0; p < m; p++) {
            x[p] = g[p][m] / g[p][p];
        }
        return x;
    }
}

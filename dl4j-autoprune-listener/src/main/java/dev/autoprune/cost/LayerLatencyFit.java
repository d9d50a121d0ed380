package dev.autoprune.cost;

import java.util.Locale;
import java.util.Objects;

/**
 * The fitted forward time of one layer as a function of its input and output width fractions
 * {@code x = Cin(r)/Cin} and {@code y = Cout(r)/Cout}: {@code t = a + b*x + c*y + d*x*y} seconds, with
 * the terms of a width that does not vary with pruning left out (a layer whose widths never change is the
 * constant {@code a}). Fitted by least squares on relative errors, with {@code b, c, d >= 0} so that the
 * time never grows when channels are removed; {@link #rmsError()} and {@link #maxError()} say how well the
 * plane fits the measured grid. Immutable.
 */
public final class LayerLatencyFit {

    private final String layer;
    private final String type;
    private final boolean inputVaries;
    private final boolean outputVaries;
    private final double a;
    private final double b;
    private final double c;
    private final double d;
    private final double measuredFull;
    private final double rmsError;
    private final double maxError;
    private final int points;

    /**
     * @param layer        layer name
     * @param type         DL4J layer type (simple name)
     * @param inputVaries  whether the input width depends on pruning
     * @param outputVaries whether the output width depends on pruning independently of the input
     * @param coefficients {@code a, b, c, d}
     * @param measuredFull the measured seconds at full width
     * @param rmsError     root mean square relative error of the fit on the grid
     * @param maxError     largest relative error of the fit on the grid
     * @param points       number of measured grid points
     */
    public LayerLatencyFit(String layer, String type, boolean inputVaries, boolean outputVaries, double[] coefficients,
                           double measuredFull, double rmsError, double maxError, int points) {
        this.layer = Objects.requireNonNull(layer, "layer");
        this.type = Objects.requireNonNull(type, "type");
        if (coefficients.length != 4) {
            throw new IllegalArgumentException("Layer \"" + layer + "\": 4 coefficients (a, b, c, d) expected, found "
                    + coefficients.length);
        }
        for (double v : coefficients) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("Layer \"" + layer + "\": latency coefficients must be finite, found "
                        + java.util.Arrays.toString(coefficients));
            }
        }
        this.inputVaries = inputVaries;
        this.outputVaries = outputVaries;
        this.a = coefficients[0];
        this.b = inputVaries ? coefficients[1] : 0;
        this.c = outputVaries ? coefficients[2] : 0;
        this.d = inputVaries && outputVaries ? coefficients[3] : 0;
        if (b < 0 || c < 0 || d < 0) {
            throw new IllegalArgumentException("Layer \"" + layer + "\": the width coefficients b, c, d must be >= 0 "
                    + "(time never grows when channels are removed), found " + b + ", " + c + ", " + d);
        }
        this.measuredFull = measuredFull;
        this.rmsError = rmsError;
        this.maxError = maxError;
        this.points = points;
    }

    /**
     * Fits the model to measured times.
     *
     * @param x  input width fractions of the grid points (ignored when the input does not vary)
     * @param y  output width fractions of the grid points (ignored when the output does not vary)
     * @param t  measured seconds at each point, all {@code > 0}
     */
    static LayerLatencyFit fit(String layer, String type, boolean inputVaries, boolean outputVaries,
                               double[] x, double[] y, double[] t, double measuredFull) {
        int n = t.length;
        // the columns of the plane that vary: a always, b with x, c with y, d with both
        boolean[] used = {true, inputVaries, outputVaries, inputVaries && outputVaries};
        int m = 0;
        for (boolean u : used) {
            m += u ? 1 : 0;
        }
        double[][] rows = new double[n][];
        double[][] full = new double[n][];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            full[i] = new double[]{1, x[i], y[i], x[i] * y[i]};
            rows[i] = new double[m];
            for (int j = 0, k = 0; j < 4; j++) {
                if (used[j]) {
                    rows[i][k++] = full[i][j];
                }
            }
            w[i] = 1 / t[i];
        }
        boolean[] nonNegative = new boolean[m];
        java.util.Arrays.fill(nonNegative, 1, m, true);
        double[] sol = LeastSquares.solve(rows, t, w, nonNegative);
        double[] coef = new double[4];
        for (int j = 0, k = 0; j < 4; j++) {
            if (used[j]) {
                coef[j] = sol[k++];
            }
        }
        double sq = 0;
        double max = 0;
        for (int i = 0; i < n; i++) {
            double p = coef[0] + coef[1] * full[i][1] + coef[2] * full[i][2] + coef[3] * full[i][3];
            double e = Math.abs(p - t[i]) / t[i];
            sq += e * e;
            max = Math.max(max, e);
        }
        return new LayerLatencyFit(layer, type, inputVaries, outputVaries, coef, measuredFull, Math.sqrt(sq / n), max, n);
    }

    /** The layer name. */
    public String layer() {
        return layer;
    }

    /** The DL4J layer type. */
    public String type() {
        return type;
    }

    /** Whether the input width depends on pruning. */
    public boolean inputVaries() {
        return inputVaries;
    }

    /** Whether the output width depends on pruning independently of the input. */
    public boolean outputVaries() {
        return outputVaries;
    }

    /** The coefficients {@code a, b, c, d} (seconds). */
    public double[] coefficients() {
        return new double[]{a, b, c, d};
    }

    /** Predicted seconds at width fractions {@code x} (input) and {@code y} (output). */
    public double seconds(double x, double y) {
        return a + b * x + c * y + d * x * y;
    }

    /** {@code d seconds / dx}. */
    public double dx(double y) {
        return b + d * y;
    }

    /** {@code d seconds / dy}. */
    public double dy(double x) {
        return c + d * x;
    }

    /** Measured seconds at full width. */
    public double measuredFull() {
        return measuredFull;
    }

    /** Root mean square relative error of the fit over the measured grid. */
    public double rmsError() {
        return rmsError;
    }

    /** Largest relative error of the fit over the measured grid. */
    public double maxError() {
        return maxError;
    }

    /** Number of measured grid points. */
    public int points() {
        return points;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s (%s): t = %.3g + %.3g x + %.3g y + %.3g xy s, fit error %.1f %% rms, %.1f %% max, %d points",
                layer, type, a, b, c, d, 100 * rmsError, 100 * maxError, points);
    }
}

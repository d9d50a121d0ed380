package dev.autoprune.layers.mask;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SoftTopKTest {

    // ---- argument validation ----

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> SoftTopK.forward(new double[0], 0, 1));
        assertThrows(IllegalArgumentException.class, () -> SoftTopK.forward(new double[] {1, 2}, 3, 1));
        assertThrows(IllegalArgumentException.class, () -> SoftTopK.forward(new double[] {1, 2}, -0.5, 1));
        assertThrows(IllegalArgumentException.class, () -> SoftTopK.forward(new double[] {1, 2}, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> SoftTopK.forward(new double[] {1, Double.NaN}, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> SoftTopK.hard(new double[] {1, 2}, 3));
    }

    // ---- forward ----

    private static double sum(double[] m) {
        return Arrays.stream(m).sum();
    }

    private static void assertFinite(double[] a) {
        for (double v : a) {
            assertTrue(Double.isFinite(v), () -> "non-finite value in " + Arrays.toString(a));
        }
    }

    @Test
    void masksSumToKForRandomScores() {
        Random r = new Random(1);
        for (int trial = 0; trial < 500; trial++) {
            int c = 1 + r.nextInt(64);
            double[] s = r.doubles(c).map(x -> 3 * (x - 0.5)).toArray();
            double k = r.nextDouble() * c;
            double tau = Math.pow(10, -4 + 5 * r.nextDouble());
            SoftTopK.Result res = SoftTopK.forward(s, k, tau);
            assertEquals(k, sum(res.mask()), 1e-6, "C=" + c + " k=" + k + " tau=" + tau);
            for (double m : res.mask()) {
                assertTrue(m >= 0 && m <= 1);
            }
        }
    }

    @ParameterizedTest(name = "C={0}, k={1}, tau={2}, equal={3}")
    @CsvSource({
        "1, 1.0, 1.0, false",      // single channel
        "8, 1.0, 1.0, false",      // k at minChannels
        "8, 7.9999, 1.0, false",   // k near C
        "8, 8.0, 1.0, false",      // k = C
        "8, 3.5, 1.0, true",       // all scores equal
        "8, 3.5, 1e-4, false",     // tiny temperature
        "8, 3.0, 1e-4, false",     // tiny temperature, integer k
        "8, 3.5, 1e-4, true",      // tiny temperature, all equal
        "1000, 1.0, 1e-4, false"
    })
    void edgeCasesAreFiniteAndSumToK(int c, double k, double tau, boolean equal) {
        Random r = new Random(7);
        double[] s = new double[c];
        for (int i = 0; i < c; i++) {
            s[i] = equal ? 0.3 : r.nextGaussian();
        }
        SoftTopK.Result res = SoftTopK.forward(s, k, tau);
        assertFinite(res.mask());
        assertEquals(k, sum(res.mask()), 1e-6);
        double[] g = r.doubles(c).toArray();
        double[] ds = new double[c];
        double dk = res.backward(g, ds);
        assertTrue(Double.isFinite(dk));
        assertFinite(ds);
        if (equal) {
            for (double m : res.mask()) {
                assertEquals(k / c, m, 1e-9);
            }
        }
    }

    // ---- backward against finite differences ----

    @Test
    void gradientsMatchCentralFiniteDifferences() {
        Random r = new Random(3);
        for (int trial = 0; trial < 50; trial++) {
            int c = 2 + r.nextInt(12);
            double[] s = r.doubles(c).map(x -> 2 * r.nextGaussian()).toArray();
            double k = 0.5 + r.nextDouble() * (c - 1);
            double tau = 0.2 + r.nextDouble();
            double[] g = r.doubles(c).map(x -> x - 0.5).toArray();
            SoftTopK.Result res = SoftTopK.forward(s, k, tau);
            double[] ds = new double[c];
            double dk = res.backward(g, ds);

            double h = 1e-6;
            double numK = (dot(g, SoftTopK.forward(s, k + h, tau).mask())
                    - dot(g, SoftTopK.forward(s, k - h, tau).mask())) / (2 * h);
            assertEquals(numK, dk, 1e-6 * Math.max(1, Math.abs(numK)), "dL/dk");
            for (int j = 0; j < c; j++) {
                double[] sp = s.clone();
                double[] sm = s.clone();
                sp[j] += h;
                sm[j] -= h;
                double num = (dot(g, SoftTopK.forward(sp, k, tau).mask())
                        - dot(g, SoftTopK.forward(sm, k, tau).mask())) / (2 * h);
                assertEquals(num, ds[j], 1e-6 * Math.max(1, Math.abs(num)), "dL/ds_" + j);
            }
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    // ---- hard top-k ----

    @Test
    void hardKeepsExactlyNWithTiesByLowerIndex() {
        double[] s = {0.5, 2.0, 0.5, 0.5, -1.0, 2.0};
        assertArrayEquals(new int[] {1, 5}, SoftTopK.topIndices(s, 2));
        assertArrayEquals(new int[] {0, 1, 5}, SoftTopK.topIndices(s, 3));
        assertArrayEquals(new int[] {0, 1, 2, 5}, SoftTopK.topIndices(s, 4));
        assertArrayEquals(new double[] {1, 1, 1, 0, 0, 1}, SoftTopK.hard(s, 4));
        assertEquals(0, SoftTopK.topIndices(s, 0).length);
    }

    @Test
    void softApproachesHardAsTemperatureFalls() {
        double[] s = {0.1, 1.5, -0.7, 0.9, 2.2};
        double[] soft = SoftTopK.forward(s, 3, 1e-3).mask();
        double[] hard = SoftTopK.hard(s, 3);
        assertArrayEquals(hard, soft, 1e-6);
    }
}

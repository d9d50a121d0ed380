package dev.autoprune.cost;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checks every {@link CostModel} must pass, shared by the tests of each implementation. */
final class CostModelChecks {

    private CostModelChecks() {
    }

    /** The exact gradient at random ratios in [0.2, 1) agrees with central differences, and is positive. */
    static void assertGradientMatchesCentralDifferences(CostModel m, Random rnd) {
        Map<String, Double> r = new HashMap<>();
        for (String g : m.groupIds()) {
            r.put(g, 0.2 + 0.8 * rnd.nextDouble());
        }
        Map<String, Double> grad = m.fractionGradient(r);
        assertEquals(m.groupIds(), List.copyOf(grad.keySet()));
        double h = 1e-5;
        for (String g : m.groupIds()) {
            Map<String, Double> up = new HashMap<>(r);
            Map<String, Double> down = new HashMap<>(r);
            up.put(g, r.get(g) + h);
            down.put(g, r.get(g) - h);
            double fd = (m.fraction(up) - m.fraction(down)) / (2 * h);
            assertEquals(fd, grad.get(g), 1e-8 + 1e-6 * Math.abs(fd), m.name() + " group " + g);
            assertTrue(grad.get(g) > 0, m.name() + " group " + g);
        }
    }
}

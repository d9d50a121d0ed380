package dev.autoprune.listener;

import dev.autoprune.cost.CostModel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Cost models with a chosen shape, wrapped around a real one (its groups, floor and name), for the listener tests. */
final class TestCosts {

    private TestCosts() {
    }

    /** The real cost, except that the hard fraction is always {@code hard}: to test the stopping rule alone. */
    static CostModel fixedHard(CostModel real, double hard) {
        return new Wrapped(real) {
            @Override
            public double hardFraction(Map<String, Integer> keptByGroup) {
                return hard;
            }
        };
    }

    /**
     * {@code F = sum_g w_g r_g / sum_g w_g}: a cost whose gradient weighs the groups (in {@code groupIds()}
     * order) as given, so that their theta gradients differ by known factors. The hard fraction is the
     * real one.
     */
    static CostModel linear(CostModel real, double... weights) {
        List<String> ids = real.groupIds();
        if (weights.length != ids.size()) {
            throw new IllegalArgumentException("one weight per group " + ids + ", found " + weights.length);
        }
        double sum = java.util.Arrays.stream(weights).sum();
        return new Wrapped(real) {
            @Override
            public double fraction(Map<String, Double> ratioByGroup) {
                double f = 0;
                for (int i = 0; i < weights.length; i++) {
                    f += weights[i] * ratioByGroup.getOrDefault(ids.get(i), 1.0);
                }
                return f / sum;
            }

            @Override
            public Map<String, Double> fractionGradient(Map<String, Double> ratioByGroup) {
                Map<String, Double> g = new LinkedHashMap<>();
                for (int i = 0; i < weights.length; i++) {
                    g.put(ids.get(i), weights[i] / sum);
                }
                return g;
            }
        };
    }

    private static class Wrapped implements CostModel {
        private final CostModel real;

        Wrapped(CostModel real) {
            this.real = real;
        }

        @Override
        public String name() {
            return real.name();
        }

        @Override
        public List<String> groupIds() {
            return real.groupIds();
        }

        @Override
        public double fraction(Map<String, Double> ratioByGroup) {
            return real.fraction(ratioByGroup);
        }

        @Override
        public Map<String, Double> fractionGradient(Map<String, Double> ratioByGroup) {
            return real.fractionGradient(ratioByGroup);
        }

        @Override
        public double hardFraction(Map<String, Integer> keptByGroup) {
            return real.hardFraction(keptByGroup);
        }

        @Override
        public double minimumFraction() {
            return real.minimumFraction();
        }
    }
}

package dev.autoprune.flops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sum of products of {@link LinearForm}s: the cost of a layer as a function of the group ratios,
 * e.g. {@code K*H*W * Cin(r) * Cout(r)} for a convolution. Evaluates exactly, and differentiates
 * exactly by the product rule. Layer rules build their cost terms from these. Immutable.
 */
public final class Polynomial {

    /** The zero polynomial (no terms). */
    public static final Polynomial ZERO = new Polynomial(List.of());

    private record Term(double coefficient, List<LinearForm> factors) {
    }

    private final List<Term> terms;

    private Polynomial(List<Term> terms) {
        this.terms = List.copyOf(terms);
    }

    /** {@code coefficient * factors[0] * factors[1] * ...}; with no factors, the constant {@code coefficient}. */
    public static Polynomial product(double coefficient, LinearForm... factors) {
        return new Polynomial(List.of(new Term(coefficient, List.of(factors))));
    }

    /** The sum of both (their terms, this one's first; the order of evaluation follows it). */
    public Polynomial plus(Polynomial other) {
        List<Term> t = new ArrayList<>(terms);
        t.addAll(other.terms);
        return new Polynomial(t);
    }

    double value(Map<String, Double> ratios) {
        double sum = 0;
        for (Term t : terms) {
            double p = t.coefficient();
            for (LinearForm f : t.factors()) {
                p *= f.value(ratios);
            }
            sum += p;
        }
        return sum;
    }

    /** d(value)/d(r_g) for every group g the polynomial depends on. */
    Map<String, Double> gradient(Map<String, Double> ratios) {
        Map<String, Double> grad = new LinkedHashMap<>();
        for (Term t : terms) {
            List<LinearForm> fs = t.factors();
            for (int i = 0; i < fs.size(); i++) {
                double others = t.coefficient();
                for (int j = 0; j < fs.size(); j++) {
                    if (j != i) {
                        others *= fs.get(j).value(ratios);
                    }
                }
                final double rest = others;
                fs.get(i).coefficients().forEach((g, a) -> grad.merge(g, a * rest, Double::sum));
            }
        }
        return grad;
    }
}

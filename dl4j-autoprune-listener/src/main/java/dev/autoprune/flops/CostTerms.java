package dev.autoprune.flops;

import java.util.Objects;

/**
 * The cost of one node as exact polynomials in the group ratios: its multiply-accumulates per example
 * and its parameters (see {@link FlopsCounter} for what is counted). What a layer rule returns from
 * {@link dev.autoprune.rules.LayerRule#cost}.
 *
 * @param macs    multiply-accumulates per example
 * @param params  parameters of the plain (unmasked) layer
 * @param counted false when no rule states the node's MACs (unsupported nodes; they count 0)
 */
public record CostTerms(Polynomial macs, Polynomial params, boolean counted) {

    /** Validates the fields. */
    public CostTerms {
        Objects.requireNonNull(macs, "macs");
        Objects.requireNonNull(params, "params");
    }

    /** Counted MACs and parameters. */
    public static CostTerms of(Polynomial macs, Polynomial params) {
        return new CostTerms(macs, params, true);
    }

    /**
     * No MACs (no multiplications, or folded away) and DL4J's own parameter count of the layer, which
     * does not change with the ratios (0 for a vertex): pooling, activations, dropout, vertices.
     */
    public static CostTerms plain(CostContext c) {
        return new CostTerms(Polynomial.ZERO, dl4jParams(c), true);
    }

    /** As {@link #plain}, flagged as not counted: the node has no rule. */
    public static CostTerms uncounted(CostContext c) {
        return new CostTerms(Polynomial.ZERO, dl4jParams(c), false);
    }

    private static Polynomial dl4jParams(CostContext c) {
        return c.layer() == null ? Polynomial.ZERO : Polynomial.product(c.layer().initializer().numParams(c.layer()));
    }
}

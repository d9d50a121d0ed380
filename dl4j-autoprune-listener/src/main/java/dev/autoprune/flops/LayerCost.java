package dev.autoprune.flops;

import dev.autoprune.graph.NodeKind;

import java.util.Map;
import java.util.Objects;

/**
 * The cost of one layer or vertex: multiply-accumulates (MACs), FLOPs ({@code 2 * MACs}) and
 * parameters, at full width and as exact functions of the channel-group ratios (see
 * {@link FlopsCounter} for what is counted). Immutable.
 */
public final class LayerCost {

    private final String name;
    private final String type;
    private final NodeKind kind;
    private final Polynomial macs;
    private final Polynomial params;
    private final boolean counted;
    private final LinearForm in;
    private final LinearForm out;

    LayerCost(String name, String type, NodeKind kind, Polynomial macs, Polynomial params, boolean counted,
              LinearForm in, LinearForm out) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = Objects.requireNonNull(type, "type");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.macs = macs;
        this.params = params;
        this.counted = counted;
        this.in = Objects.requireNonNull(in, "in");
        this.out = Objects.requireNonNull(out, "out");
    }

    /**
     * Input elements per position of the first input as a function of the group ratios ({@code Cin} of a
     * convolution, {@code C*H*W} of a dense layer after flattening); see {@link CostContext#in()}.
     */
    public LinearForm inputWidth() {
        return in;
    }

    /** Output elements per position as a function of the group ratios ({@code Cout}, or {@code nOut}). */
    public LinearForm outputWidth() {
        return out;
    }

    /** The layer or vertex name. */
    public String name() {
        return name;
    }

    /** The DL4J type name, e.g. {@code ConvolutionLayer}. */
    public String type() {
        return type;
    }

    /** The node kind. */
    public NodeKind kind() {
        return kind;
    }

    /** False for layers without a FLOPs rule (unsupported layers): their MACs are reported as 0. */
    public boolean counted() {
        return counted;
    }

    /** MACs at full width. */
    public long macs() {
        return Math.round(macs.value(Map.of()));
    }

    /** FLOPs ({@code 2 * MACs}) at full width. */
    public long flops() {
        return 2 * macs();
    }

    /** Parameters at full width, excluding mask parameters (masks disappear when channels are removed). */
    public long params() {
        return Math.round(params.value(Map.of()));
    }

    /** MACs with the given remaining ratio per group id (missing groups: 1). */
    public double macs(Map<String, Double> ratios) {
        return macs.value(ratios);
    }

    /** FLOPs with the given remaining ratio per group id (missing groups: 1). */
    public double flops(Map<String, Double> ratios) {
        return 2 * macs.value(ratios);
    }

    /** Parameters with the given remaining ratio per group id (missing groups: 1). */
    public double params(Map<String, Double> ratios) {
        return params.value(ratios);
    }

    /** dFLOPs/dr_g. */
    Map<String, Double> flopsGradient(Map<String, Double> ratios) {
        Map<String, Double> g = macs.gradient(ratios);
        g.replaceAll((k, v) -> 2 * v);
        return g;
    }

    /** dParams/dr_g. */
    Map<String, Double> paramsGradient(Map<String, Double> ratios) {
        return params.gradient(ratios);
    }

    @Override
    public String toString() {
        return "LayerCost{" + name + " " + type + ", MACs=" + macs() + ", params=" + params() + "}";
    }
}

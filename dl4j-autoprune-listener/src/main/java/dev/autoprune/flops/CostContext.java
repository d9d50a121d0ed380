package dev.autoprune.flops;

import dev.autoprune.graph.GraphNode;
import org.deeplearning4j.nn.conf.layers.Layer;

/**
 * What a layer rule needs to state a node's cost ({@link dev.autoprune.rules.LayerRule#cost}): the
 * node, its input and output channel counts as {@link LinearForm}s in the group ratios, and the number
 * of spatial output positions. Immutable; made by {@link FlopsCounter}.
 */
public final class CostContext {

    private final GraphNode node;
    private final LinearForm in;
    private final LinearForm out;
    private final double positions;

    CostContext(GraphNode node, LinearForm in, LinearForm out, double positions) {
        this.node = node;
        this.in = in;
        this.out = out;
        this.positions = positions;
    }

    /** The node whose cost is stated. */
    public GraphNode node() {
        return node;
    }

    /** Its layer configuration (frozen wrappers removed), or null for a vertex. */
    public Layer layer() {
        return node.layer();
    }

    /**
     * Input elements per position of the first input (after a layer's preprocessor), as a function of
     * the ratios: {@code Cin} of a convolution, {@code nIn} of a dense layer ({@code C*H*W} after
     * flattening). {@link LinearForm#ONE} for a node without inputs.
     */
    public LinearForm in() {
        return in;
    }

    /** Output elements per position, as a function of the ratios: {@code Cout}, or {@code nOut}. */
    public LinearForm out() {
        return out;
    }

    /** The spatial output positions {@code Hout*Wout} of a convolutional output; 1 otherwise. */
    public double outputPositions() {
        return positions;
    }
}

package dev.autoprune.rules;

import dev.autoprune.compact.LayerSlicer;
import dev.autoprune.flops.CostContext;
import dev.autoprune.flops.CostTerms;
import dev.autoprune.graph.ChannelFlow;
import dev.autoprune.graph.Channels;
import dev.autoprune.graph.GraphNode;
import dev.autoprune.graph.NodeKind;
import org.deeplearning4j.nn.api.Layer;

import java.util.Optional;

/**
 * Everything channel pruning knows about one DL4J layer or vertex type, in one place: its kind, when
 * a node of the type is unsupported, how channels flow through it, what it costs, how its parameters
 * are cut, where a mask may go around it, and what says how important its channels are. The group
 * analysis, the FLOPs counter, channel removal, mask placement and the importance criteria all ask a
 * node's rule ({@link GraphNode#rule()}) instead of switching on its type; {@link LayerRules} maps
 * configuration classes to rules, and users register rules for their own layer types there.
 *
 * <p>The design follows Torch-Pruning, which keeps one pruning function per layer type and lets users
 * register their own (G. Fang et al., "DepGraph: Towards Any Structural Pruning", CVPR 2023). Only
 * {@link #kind()} and {@link #flow} must be implemented; the defaults describe a node without
 * parameters that change with the channels, which no mask chain passes. Implementations are
 * immutable and thread-safe.
 */
public interface LayerRule {

    /** The node's kind: a label for reports, and its role (producer, carrier, consumer) in the coupling graph. */
    NodeKind kind();

    /**
     * Why this node cannot be handled although its type has this rule (e.g. a depth multiplier other
     * than 1, or a non-convolutional input; see {@link InputChecks}), or empty when it can. The
     * analysis has already checked that the node's activations have the network's data format (NCHW or NHWC).
     *
     * @param node the node, with this rule
     */
    default Optional<String> unsupportedReason(GraphNode node) {
        return Optional.empty();
    }

    /**
     * The channels of the node's output, from those of its inputs: a rule calls one method of the flow
     * (produce, carry, mask, concatenate, ...) or returns {@link ChannelFlow#input()} for an operation
     * that carries every channel unchanged.
     */
    Channels flow(ChannelFlow flow);

    /** The node's MACs and parameters as polynomials in the group ratios; default: {@link CostTerms#plain}. */
    default CostTerms cost(CostContext c) {
        return CostTerms.plain(c);
    }

    /** How to cut the node's parameters when channels are removed; empty when none depend on the channels. */
    default Optional<LayerSlicer> slicer() {
        return Optional.empty();
    }

    /**
     * Whether a mask placed for a group moves past this node to after it: true for per-channel
     * operations that would undo a mask before them or that keep zeros anyway (BatchNormalization,
     * activations, depthwise convolution, residual adds); see METHOD.md, "Where the mask acts".
     */
    default boolean maskMovesPast() {
        return false;
    }

    /**
     * Whether this producer may carry its group's mask inside itself (as a
     * {@code MaskedConvolutionLayer}) when nothing per-channel follows it.
     *
     * @param node the producing node
     */
    default boolean maskFitsInside(GraphNode node) {
        return false;
    }

    /** The fewest input channels the layer runs with; masks on a group it alone reads keep at least this many. */
    default int minInputChannels() {
        return 1;
    }

    /** Whether channel removal drops the node altogether (a {@code ChannelMaskLayer}). */
    default boolean removedByCompaction() {
        return false;
    }

    /**
     * For a producer: the L1 ({@code p = 1}) or L2 ({@code p = 2}) norm of each output channel's
     * weights, read from the run-time layer; empty when the rule knows no weight layout.
     */
    default Optional<double[]> filterNorms(Layer layer, int p) {
        return Optional.empty();
    }

    /** For a per-channel carrier: the magnitude of its learned per-channel scale (|gamma| of a BatchNormalization). */
    default Optional<double[]> channelScales(Layer layer) {
        return Optional.empty();
    }

    /** Whether subclasses of the registered class get this rule too (by default only the exact class does). */
    default boolean coversSubclasses() {
        return false;
    }
}

package dev.autoprune.graph;

import java.util.List;

/**
 * What a layer rule may do with the channels that reach its node during the group analysis (the
 * channel-flow step of {@link dev.autoprune.rules.LayerRule#flow}). Each method returns the channels
 * of the node's output; a rule calls exactly one of them, or returns {@link #input()} unchanged for an
 * operation that carries every channel through on its own (pooling, dropout).
 *
 * <p>The vocabulary is that of Torch-Pruning's dependency graph (G. Fang et al., "DepGraph: Towards
 * Any Structural Pruning", CVPR 2023): producers start a group, carriers pass it on, consumers read it.
 */
public interface ChannelFlow {

    /** The node being analysed (its layer or vertex configuration and activation types). */
    GraphNode node();

    /** The channels of each input of the node, after a layer's preprocessor. */
    List<Channels> inputs();

    /** The channels of the first (for a layer, the only) input. */
    Channels input();

    /**
     * A producer: reads its input channels (they stay prunable, and it becomes one of their
     * consumers) and starts a new group of output channels (a convolution, a dense layer).
     */
    Channels produce();

    /**
     * As {@link #produce()}, and the node's own output mask governs the new group (a
     * {@code MaskedConvolutionLayer}); its layer configuration must implement
     * {@code MaskableLayerConfig}.
     */
    Channels produceMasked();

    /**
     * A consumer whose output is the network's: reads its input channels; its own outputs form a fixed
     * group (an output layer).
     */
    Channels consume();

    /** The input channels reach the network output unchanged (a loss layer): they cannot be pruned. */
    Channels reachOutput();

    /**
     * Carries the channels, but no longer zero where a mask before this node zeroed them (it adds a
     * bias, rescales, or maps 0 to a non-zero value); a mask before it is reported as misplaced.
     *
     * @param why what the node does to zeroed channels, for the message
     */
    Channels unmask(String why);

    /** The node is a channel mask: it governs the single group it reads, and zeroes its pruned channels. */
    Channels mask();

    /** Concatenates the inputs along the channel axis; later inputs are offset. */
    Channels concatenate();

    /**
     * Adds (or multiplies) the inputs element by element, which couples their groups into one; inputs
     * with different channel layouts block their channels.
     *
     * @param product whether the inputs are multiplied (a channel is then zero when any input's is)
     */
    Channels elementWise(boolean product);

    /**
     * The node is not supported ({@link GraphNode#unsupportedReason()}): every channel that reaches it
     * is blocked from pruning, and its output is a fixed group.
     */
    Channels unsupported();
}

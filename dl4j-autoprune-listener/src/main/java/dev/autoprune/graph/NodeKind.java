package dev.autoprune.graph;

/**
 * What a node of a network does to the channels that flow through it, as far as channel pruning is
 * concerned: a label for reports and the node's {@link Role}. Each node's kind comes from its layer
 * rule ({@link GraphNode#rule()}), which holds the behaviour; a node without a rule is
 * {@link #UNSUPPORTED}, and channels that reach such a node cannot be pruned.
 *
 * <p>The split follows Torch-Pruning's dependency graph (G. Fang et al., "DepGraph: Towards Any
 * Structural Pruning", CVPR 2023): producers start a channel group, per-channel layers carry it,
 * consumers read it through their input channels.
 */
public enum NodeKind {
    /** A network input: its channels are fixed. */
    INPUT(Role.SOURCE),
    /** A plain {@code ConvolutionLayer}: reads its input channels, produces a new group. */
    CONVOLUTION(Role.PRODUCER),
    /** A {@code MaskedConvolutionLayer}: a convolution whose own output mask governs the group it produces. */
    MASKED_CONVOLUTION(Role.PRODUCER),
    /** A {@code SeparableConvolution2D}: reads its input channels, produces a new group. */
    SEPARABLE(Role.PRODUCER),
    /** A {@code DenseLayer}: reads its input features, produces a new group of units. */
    DENSE(Role.PRODUCER),
    /** An {@code OutputLayer}: reads its input features; its outputs are the network's and never pruned. */
    OUTPUT(Role.CONSUMER),
    /** A {@code DepthwiseConvolution2D} with depth multiplier 1: one filter per channel, carries the group. */
    DEPTHWISE(Role.CARRIER),
    /** {@code BatchNormalization}: per-channel scale and shift, carries the group (and undoes a mask before it). */
    BATCH_NORM(Role.CARRIER),
    /** {@code ActivationLayer}: element-wise, carries the group. */
    ACTIVATION(Role.CARRIER),
    /** Pooling, upsampling, zero padding, cropping: per-channel spatial operations that map zeros to zeros. */
    SPATIAL(Role.CARRIER),
    /** {@code GlobalPoolingLayer}: per-channel, turns [mb, C, H, W] into [mb, C]. */
    GLOBAL_POOLING(Role.CARRIER),
    /** {@code DropoutLayer}: element-wise, carries the group. */
    DROPOUT(Role.CARRIER),
    /** {@code ChannelMaskLayer}: carries the group and governs it. */
    MASK(Role.CARRIER),
    /** {@code ScaleVertex}: multiplies by a constant, carries the group. */
    SCALE(Role.CARRIER),
    /** {@code ShiftVertex}: adds a constant, carries the group (and maps zeros to non-zeros). */
    SHIFT(Role.CARRIER),
    /** {@code PreprocessorVertex}: applies its preprocessor, carries the channels through it. */
    PREPROCESSOR(Role.CARRIER),
    /**
     * {@code L2NormalizeVertex}: divides by a norm over the channels; zeroed channels add nothing to it,
     * so it carries the group and removing them is exact.
     */
    NORMALIZE(Role.CARRIER),
    /** {@code ElementWiseVertex}: couples the channels of its inputs into one group. */
    ELEMENTWISE(Role.CARRIER),
    /** {@code MergeVertex} along the channel axis: concatenates groups, offsetting the later ones. */
    MERGE(Role.CARRIER),
    /** {@code LossLayer}, {@code CnnLossLayer}, {@code Yolo2OutputLayer}: the channels reach the network output unchanged. */
    LOSS(Role.CONSUMER),
    /** Anything else: channels that reach it are blocked from pruning. */
    UNSUPPORTED(Role.CONSUMER);

    /** The role of a kind in the channel-coupling graph. */
    public enum Role {
        /** Starts a fixed group (network inputs). */
        SOURCE,
        /** Reads its input channels and produces a new group of output channels. */
        PRODUCER,
        /** Passes its input channels through, one output channel per input channel. */
        CARRIER,
        /** Reads its input channels; its output is not a prunable group. */
        CONSUMER
    }

    private final Role role;

    NodeKind(Role role) {
        this.role = role;
    }

    /** This kind's role in the coupling graph. */
    public Role role() {
        return role;
    }
}

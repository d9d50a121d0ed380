package dev.autoprune.rules;

import dev.autoprune.graph.ChannelFlow;
import dev.autoprune.graph.Channels;
import dev.autoprune.graph.GraphNode;
import dev.autoprune.graph.NodeKind;

import java.util.Optional;

/**
 * Operations that carry every channel separately and map zeros to zeros, without parameters that
 * depend on the channels: pooling, upsampling, zero padding and cropping ({@link NodeKind#SPATIAL},
 * which need a convolutional input), dropout, {@code ScaleVertex}, {@code PreprocessorVertex}, and {@code L2NormalizeVertex} (zeroed
 * channels add nothing to its norm).
 */
final class PassThroughRule implements LayerRule {

    private final NodeKind kind;
    private final boolean convolutionalInput;

    PassThroughRule(NodeKind kind, boolean convolutionalInput) {
        this.kind = kind;
        this.convolutionalInput = convolutionalInput;
    }

    @Override
    public NodeKind kind() {
        return kind;
    }

    @Override
    public Optional<String> unsupportedReason(GraphNode node) {
        return convolutionalInput ? InputChecks.convolutional(node) : Optional.empty();
    }

    @Override
    public Channels flow(ChannelFlow flow) {
        return flow.input();
    }
}

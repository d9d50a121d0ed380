package dev.autoprune.rules;

import dev.autoprune.graph.ChannelFlow;
import dev.autoprune.graph.Channels;
import dev.autoprune.graph.GraphNode;
import dev.autoprune.graph.NodeKind;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;

import java.util.Arrays;
import java.util.Optional;

/** {@code GlobalPoolingLayer} over the spatial dimensions: per channel, turns [mb, C, H, W] (or NHWC) into [mb, C]. */
final class GlobalPoolingRule implements LayerRule {

    @Override
    public NodeKind kind() {
        return NodeKind.GLOBAL_POOLING;
    }

    @Override
    public Optional<String> unsupportedReason(GraphNode node) {
        int[] dims = ((GlobalPoolingLayer) node.layer()).getPoolingDimensions();
        int[] spatial = node.layerInputType() instanceof InputType.InputTypeConvolutional c
                && c.getFormat() == CNN2DFormat.NHWC ? new int[] {1, 2} : new int[] {2, 3};
        if (dims != null && !Arrays.equals(dims, spatial)) {
            return Optional.of("global pooling over dimensions " + Arrays.toString(dims)
                    + " (only the spatial dimensions " + Arrays.toString(spatial) + " keep channels apart)");
        }
        return InputChecks.convolutional(node);
    }

    @Override
    public Channels flow(ChannelFlow flow) {
        return flow.input();
    }
}

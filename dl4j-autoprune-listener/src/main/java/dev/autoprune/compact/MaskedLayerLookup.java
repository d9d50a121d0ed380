package dev.autoprune.compact;

import dev.autoprune.graph.GraphNode;
import dev.autoprune.layers.MaskedLayer;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Looks up the run-time {@link MaskedLayer} (the layer implementation holding a mask's ratio and
 * scores) of a mask node of the analysis, looking inside frozen wrappers. The configurations are
 * {@code dev.autoprune.layers.ChannelMaskLayer} and {@code MaskedConvolutionLayer}.
 */
public final class MaskedLayerLookup {

    private MaskedLayerLookup() {
    }

    /** The masked layer of a MultiLayerNetwork node. */
    public static MaskedLayer of(MultiLayerNetwork net, GraphNode node) {
        return cast(net.getLayer(node.layerIndex()), node);
    }

    /** The masked layer of a ComputationGraph node. */
    public static MaskedLayer of(ComputationGraph net, GraphNode node) {
        return cast(net.getLayer(node.name()), node);
    }

    private static MaskedLayer cast(Layer layer, GraphNode node) {
        while (layer instanceof BaseWrapperLayer w) {
            layer = w.getUnderlying();
        }
        if (!(layer instanceof MaskedLayer m)) {
            throw new IllegalStateException(node.describe() + " is not a masked layer at run time (found "
                    + (layer == null ? "nothing" : layer.getClass().getSimpleName()) + ")");
        }
        return m;
    }
}

package dev.autoprune.compact;

import dev.autoprune.graph.ChannelGroups;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Physically removes masked-out channels (METHOD.md step 6, "Remove"): the entry point behind
 * {@code ChannelPruner.compact}. See there for the contract.
 */
public final class NetworkCompactor {

    private NetworkCompactor() {
    }

    /** Compacts a MultiLayerNetwork analysed as {@code groups}. */
    public static MultiLayerNetwork compact(MultiLayerNetwork net, ChannelGroups groups) {
        return MultiLayerCompactor.compact(net, groups);
    }

    /** Compacts a ComputationGraph analysed as {@code groups}. */
    public static ComputationGraph compact(ComputationGraph net, ChannelGroups groups) {
        return GraphCompactor.compact(net, groups);
    }
}

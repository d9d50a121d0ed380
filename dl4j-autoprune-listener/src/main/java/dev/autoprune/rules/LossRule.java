package dev.autoprune.rules;

import dev.autoprune.graph.ChannelFlow;
import dev.autoprune.graph.Channels;
import dev.autoprune.graph.NodeKind;

/** {@code LossLayer}, {@code CnnLossLayer} and {@code Yolo2OutputLayer} (whose input channels are its anchor boxes): the channels reach the network output unchanged, so they stay. */
final class LossRule implements LayerRule {

    @Override
    public NodeKind kind() {
        return NodeKind.LOSS;
    }

    @Override
    public Channels flow(ChannelFlow flow) {
        return flow.reachOutput();
    }
}

package dev.autoprune.rules;

import dev.autoprune.graph.ChannelFlow;
import dev.autoprune.graph.Channels;
import dev.autoprune.graph.NodeKind;

/**
 * {@code MaskedConvolutionLayer} (and its subclasses): a convolution whose own output mask governs the
 * group it produces. Costs, slicing and importance as a plain convolution; removal turns it into one.
 */
final class MaskedConvolutionRule extends ConvolutionRule {

    @Override
    public NodeKind kind() {
        return NodeKind.MASKED_CONVOLUTION;
    }

    @Override
    public Channels flow(ChannelFlow flow) {
        return flow.produceMasked();
    }

    @Override
    public boolean coversSubclasses() {
        return true;
    }
}

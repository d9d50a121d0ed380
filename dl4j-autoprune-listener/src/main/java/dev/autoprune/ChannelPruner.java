package dev.autoprune;

import dev.autoprune.compact.NetworkCompactor;
import dev.autoprune.graph.ChannelGroups;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Turns channel masks into real savings: returns a new, plain DL4J network with the masked-out
 * channels physically removed (METHOD.md step 6, "Remove"; B. Li et al., "AutoPruning for Deep Neural
 * Network with Dynamic Channel Masking", arXiv:2010.12021, 2020). Which channels go is decided by each
 * mask's HARD selection ({@code MaskedLayer.hardKeptIndices()}, whatever mode the mask is in), and
 * everything coupled to them goes too, as in Torch-Pruning's dependency groups (G. Fang et al.,
 * "DepGraph: Towards Any Structural Pruning", CVPR 2023): convolution weights and biases on the
 * output side; BatchNormalization gamma, beta, mean and variance (or log10 std); the next
 * convolution's input channels; depthwise and separable convolutions; dense input rows in DL4J's
 * [c, h, w] flattening order; pass-through layers; residual-add-coupled groups; concatenation offsets.
 *
 * <p>The result has no mask layers ({@code ChannelMaskLayer}s are removed, {@code MaskedConvolutionLayer}s
 * become plain {@code ConvolutionLayer}s with the same settings), so it saves with the stock
 * {@code ModelSerializer} and loads without this library. Its outputs equal the HARD-masked input
 * network's outputs up to float rounding. Frozen layers stay frozen. The updater state is NOT carried
 * over: the new network starts with a fresh updater (e.g. Adam moments at zero), since the old
 * state's shapes no longer match; fine-tune it with ordinary {@code fit()}.
 *
 * <p>Refusals (the input network is never modified): a network without masks
 * ({@code IllegalArgumentException}); misplaced masks, a mask on channels that reach an unsupported
 * layer (the message names the layer and its type), tied masks that disagree, or a group that would
 * keep no channel ({@code IllegalStateException}).
 *
 * <p>DL4J does not keep the network input type in a built configuration. A network made by
 * {@code AutoPrune.prunable} carries it in its masks, so {@link #compact(MultiLayerNetwork)} and
 * {@link #compact(ComputationGraph)} need nothing more. The overloads with input types are for masks
 * placed by hand (a {@code ChannelMaskLayer} in your own configuration) when the configuration does
 * not tell the type ({@code InputType.convolutionalFlat} or a dense first layer do) and the network
 * holds no input array.
 */
public final class ChannelPruner {

    private ChannelPruner() {
    }

    /** Compacts a masked MultiLayerNetwork (input type recorded by {@code prunable}, or inferred). */
    public static MultiLayerNetwork compact(MultiLayerNetwork net) {
        return NetworkCompactor.compact(net, ChannelGroups.of(net));
    }

    /** Compacts a masked MultiLayerNetwork with the given input type (for hand-placed masks). */
    public static MultiLayerNetwork compact(MultiLayerNetwork net, InputType input) {
        return NetworkCompactor.compact(net, ChannelGroups.of(net, input));
    }

    /** Compacts a masked ComputationGraph (input types recorded by {@code prunable}, or inferred). */
    public static ComputationGraph compact(ComputationGraph net) {
        return NetworkCompactor.compact(net, ChannelGroups.of(net));
    }

    /** Compacts a masked ComputationGraph with the given input types (for hand-placed masks). */
    public static ComputationGraph compact(ComputationGraph net, InputType... inputs) {
        return NetworkCompactor.compact(net, ChannelGroups.of(net, inputs));
    }
}

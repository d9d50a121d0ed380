package dev.autoprune;

import dev.autoprune.convert.GraphConversion;
import dev.autoprune.convert.MultiLayerConversion;
import dev.autoprune.graph.InputTypes;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;
import java.util.Optional;

/**
 * Makes a DL4J network prunable: the first of the three verbs ({@code AutoPrune.prunable},
 * {@code AutoPruneListener}, {@code ChannelPruner.compact}).
 *
 * <p>Every prunable convolution group gets a channel mask where removal will be exact: after the
 * group's last per-channel operation (its BatchNormalization and activation, or the residual add and
 * its activation), or inside a {@code MaskedConvolutionLayer} when nothing per-channel follows the
 * convolution. Coupled channels (residual adds) share tied masks. New masks start in IDENTITY mode,
 * so a converted network computes exactly what the original did until {@code AutoPruneListener}
 * starts its search. The inputs are never modified.
 *
 * <p>DL4J does not keep a network's input types in a built configuration. {@code prunable} takes them
 * from {@link PrunableOptions.Builder#inputTypes}, else from the configuration
 * ({@code InputType.convolutionalFlat}, a dense first layer) or from the input array a network holds
 * (e.g. after {@code fit}), and records them in every mask it inserts: {@code ChannelPruner.compact(net)},
 * {@code PruningReport.of(net)}, {@code FlopsCounter.of(net)} and {@code AutoPruneListener} then
 * never need them. When nothing tells them, {@code prunable} refuses with a message that says how to
 * pass them: it never guesses an image size.
 *
 * <p>Reference: B. Li, Y. Fan, Z. Pan, G. Zhang, "AutoPruning for Deep Neural Network with Dynamic
 * Channel Masking", arXiv:2010.12021 (2020); coupling after G. Fang et al., "DepGraph: Towards Any
 * Structural Pruning", CVPR 2023.
 */
public final class AutoPrune {

    private AutoPrune() {
    }

    /** A prunable copy of a configuration, with the default options. */
    public static MultiLayerConfiguration prunable(MultiLayerConfiguration conf) {
        return prunable(conf, PrunableOptions.defaults());
    }

    /** A prunable copy of a configuration. */
    public static MultiLayerConfiguration prunable(MultiLayerConfiguration conf, PrunableOptions options) {
        return MultiLayerConversion.prunable(conf, inputType(conf, options), options);
    }

    /** A prunable copy of a graph configuration, with the default options. */
    public static ComputationGraphConfiguration prunable(ComputationGraphConfiguration conf) {
        return prunable(conf, PrunableOptions.defaults());
    }

    /** A prunable copy of a graph configuration. */
    public static ComputationGraphConfiguration prunable(ComputationGraphConfiguration conf, PrunableOptions options) {
        return GraphConversion.prunable(conf, inputTypes(conf, options), options);
    }

    /**
     * A prunable copy of a (trained) network with every weight kept; its outputs equal the
     * original's bit for bit until the listener's search starts. The updater state is not carried
     * over (the new network starts with a fresh optimiser), the iteration and epoch counts are.
     */
    public static MultiLayerNetwork prunable(MultiLayerNetwork net) {
        return prunable(net, PrunableOptions.defaults());
    }

    /** As {@link #prunable(MultiLayerNetwork)}, with options. */
    public static MultiLayerNetwork prunable(MultiLayerNetwork net, PrunableOptions options) {
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        MultiLayerConfiguration converted = MultiLayerConversion.prunable(conf, inputType(net, options), options);
        MultiLayerNetwork out = new MultiLayerNetwork(converted);
        out.init();
        for (int i = 0; i < net.getnLayers(); i++) {
            String name = conf.getConf(i).getLayer().getLayerName() != null
                    ? conf.getConf(i).getLayer().getLayerName() : "layer" + i;
            copyParams(net.getLayer(i), out.getLayer(name));
        }
        return out;
    }

    /** A prunable copy of a (trained) graph with every weight kept. */
    public static ComputationGraph prunable(ComputationGraph net) {
        return prunable(net, PrunableOptions.defaults());
    }

    /** As {@link #prunable(ComputationGraph)}, with options. */
    public static ComputationGraph prunable(ComputationGraph net, PrunableOptions options) {
        ComputationGraphConfiguration converted = GraphConversion.prunable(net.getConfiguration(),
                inputTypes(net, options), options);
        ComputationGraph out = new ComputationGraph(converted);
        out.init();
        for (Layer l : net.getLayers()) {
            copyParams(l, out.getLayer(l.conf().getLayer().getLayerName()));
        }
        return out;
    }

    private static void copyParams(Layer from, Layer to) {
        for (Map.Entry<String, INDArray> e : from.paramTable().entrySet()) {
            to.getParam(e.getKey()).assign(e.getValue());
        }
    }

    // ---- input types: given, else what the configuration or the network tells; never guessed ----

    private static InputType inputType(MultiLayerNetwork net, PrunableOptions options) {
        return single(options).or(() -> InputTypes.of(net).map(t -> t[0]))
                .orElseThrow(() -> unknownInputTypes("the MultiLayerNetwork", "InputType.convolutional(height, width, channels)"));
    }

    private static InputType inputType(MultiLayerConfiguration conf, PrunableOptions options) {
        return single(options).or(() -> InputTypes.of(conf).map(t -> t[0]))
                .orElseThrow(() -> unknownInputTypes("the MultiLayerNetwork", "InputType.convolutional(height, width, channels)"));
    }

    private static InputType[] inputTypes(ComputationGraph net, PrunableOptions options) {
        return Optional.ofNullable(options.inputTypes()).or(() -> InputTypes.of(net))
                .orElseThrow(() -> unknownInputTypes("the ComputationGraph", "one InputType.convolutional(height, width, channels) per network input"));
    }

    private static InputType[] inputTypes(ComputationGraphConfiguration conf, PrunableOptions options) {
        return Optional.ofNullable(options.inputTypes()).or(() -> InputTypes.of(conf))
                .orElseThrow(() -> unknownInputTypes("the ComputationGraph", "one InputType.convolutional(height, width, channels) per network input"));
    }

    private static Optional<InputType> single(PrunableOptions options) {
        InputType[] given = options.inputTypes();
        if (given != null && given.length != 1) {
            throw new IllegalArgumentException("A MultiLayerNetwork has one input, but PrunableOptions.inputTypes has "
                    + given.length + " types. Pass one.");
        }
        return given == null ? Optional.empty() : Optional.of(given[0]);
    }

    /**
     * The masks' placement needs only channel counts, but the FLOPs the listener steers by need the
     * image size, and no guessed size may be recorded in the masks: so ask for the types once, here.
     */
    private static IllegalArgumentException unknownInputTypes(String what, String example) {
        return new IllegalArgumentException("Cannot know the input type of " + what + ": DL4J does not keep it in a "
                + "built configuration, and neither the configuration (InputType.convolutionalFlat, a dense first "
                + "layer) nor an input array the network holds tells it. Pass it once with "
                + "PrunableOptions.builder().inputTypes(" + example + ").build(); the masks record it, so "
                + "compaction, reports and the listener never ask again.");
    }
}

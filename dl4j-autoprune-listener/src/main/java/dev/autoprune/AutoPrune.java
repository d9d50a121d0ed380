package dev.autoprune;

import dev.autoprune.convert.GraphConversion;
import dev.autoprune.convert.MultiLayerConversion;
import dev.autoprune.graph.ArrayInputTypes;
import dev.autoprune.graph.ChannelGroups;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

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

    // ---- input types: given, inferred from the configuration, or a placeholder for channel counts ----

    private static InputType inputType(MultiLayerNetwork net, PrunableOptions options) {
        if (options.inputTypes() != null) {
            return options.inputTypes()[0];
        }
        if (net.getInput() != null && net.getInput().rank() == 4) {
            return ArrayInputTypes.of(net.getInput(), net.getLayerWiseConfigurations().getConf(0).getLayer()).orElseThrow();
        }
        return inputType(net.getLayerWiseConfigurations(), options);
    }

    private static InputType inputType(MultiLayerConfiguration conf, PrunableOptions options) {
        if (options.inputTypes() != null) {
            return options.inputTypes()[0];
        }
        try {
            ChannelGroups.of(conf);
            return null; // inferable from the configuration itself
        } catch (IllegalArgumentException e) {
            return placeholder(conf.getConf(0).getLayer(), e);
        }
    }

    private static InputType[] inputTypes(ComputationGraph net, PrunableOptions options) {
        return inputTypes(net.getConfiguration(), options);
    }

    private static InputType[] inputTypes(ComputationGraphConfiguration conf, PrunableOptions options) {
        if (options.inputTypes() != null) {
            return options.inputTypes();
        }
        try {
            ChannelGroups.of(conf);
            return null; // inferable from the configuration itself
        } catch (IllegalArgumentException e) {
            InputType[] out = new InputType[conf.getNetworkInputs().size()];
            for (int i = 0; i < out.length; i++) {
                String in = conf.getNetworkInputs().get(i);
                org.deeplearning4j.nn.conf.layers.Layer first = null;
                for (Map.Entry<String, java.util.List<String>> v : conf.getVertexInputs().entrySet()) {
                    if (v.getValue().contains(in) && conf.getVertices().get(v.getKey())
                            instanceof org.deeplearning4j.nn.conf.graph.LayerVertex lv) {
                        first = lv.getLayerConf().getLayer();
                        break;
                    }
                }
                out[i] = placeholder(first, e);
            }
            return out;
        }
    }

    /**
     * Where DL4J kept no input type, masks can still be placed: they depend on channel counts, not
     * on the image size. A large placeholder image lets the shape arithmetic run.
     */
    private static InputType placeholder(org.deeplearning4j.nn.conf.layers.Layer first, IllegalArgumentException cause) {
        if (first instanceof ConvolutionLayer c && c.getNIn() > 0) {
            return InputType.convolutional(PLACEHOLDER_SIZE, PLACEHOLDER_SIZE, c.getNIn(), c.getCnn2dDataFormat());
        }
        if (first instanceof DenseLayer d && d.getNIn() > 0) {
            return InputType.feedForward(d.getNIn());
        }
        throw new IllegalArgumentException(cause.getMessage() + " Pass PrunableOptions.builder().inputTypes(...).", cause);
    }

    private static final int PLACEHOLDER_SIZE = 224;
}

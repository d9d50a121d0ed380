package dev.autoprune.graph;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;
import java.util.Map;

/**
 * Recovers network input types from a built configuration, which DL4J does not store: a first
 * {@code FeedForwardToCnnPreProcessor} (from {@code InputType.convolutionalFlat}) gives the image
 * size, a first dense layer gives the feature count; for a network, a rank-4 input array it currently
 * holds gives the image size (in the data format of the layer reading it, see {@link ArrayInputTypes}).
 * Anything else needs the type passed explicitly.
 */
final class InputTypeInference {

    private InputTypeInference() {
    }

    static InputType infer(MultiLayerConfiguration conf) {
        if (conf.getConfs().isEmpty()) {
            throw new IllegalArgumentException("The configuration has no layers");
        }
        InputType t = fromFirstLayer(conf.getInputPreProcess(0), conf.getConf(0).getLayer());
        if (t == null) {
            throw new IllegalArgumentException(cannotInfer("the MultiLayerNetwork",
                    "InputType.convolutional(height, width, channels)"));
        }
        return t;
    }

    static InputType[] infer(ComputationGraphConfiguration conf) {
        List<String> inputs = conf.getNetworkInputs();
        InputType[] out = new InputType[inputs.size()];
        for (int i = 0; i < out.length; i++) {
            String in = inputs.get(i);
            for (Map.Entry<String, List<String>> e : conf.getVertexInputs().entrySet()) {
                GraphVertex v = conf.getVertices().get(e.getKey());
                if (out[i] == null && e.getValue().contains(in) && v instanceof LayerVertex lv) {
                    out[i] = fromFirstLayer(lv.getPreProcessor(), lv.getLayerConf().getLayer());
                }
            }
            if (out[i] == null) {
                throw new IllegalArgumentException(cannotInfer("network input \"" + in + "\"",
                        "one InputType per network input"));
            }
        }
        return out;
    }

    /** From the configuration, else from the shape of the network's current input array (e.g. during fit). */
    static InputType infer(MultiLayerNetwork net) {
        try {
            return infer(net.getLayerWiseConfigurations());
        } catch (IllegalArgumentException e) {
            InputType t = ArrayInputTypes.of(net.getInput(), net.getLayerWiseConfigurations().getConf(0).getLayer())
                    .orElse(null);
            if (t == null) {
                throw e;
            }
            return t;
        }
    }

    /** From the configuration, else from the shapes of the graph's current input arrays (e.g. during fit). */
    static InputType[] infer(ComputationGraph net) {
        try {
            return infer(net.getConfiguration());
        } catch (IllegalArgumentException e) {
            INDArray[] arrays = net.getInputs();
            if (arrays == null || arrays.length != net.getConfiguration().getNetworkInputs().size()) {
                throw e;
            }
            InputType[] out = new InputType[arrays.length];
            for (int i = 0; i < arrays.length; i++) {
                out[i] = ArrayInputTypes.of(arrays[i], net.getConfiguration(), i).orElse(null);
                if (out[i] == null) {
                    throw e;
                }
            }
            return out;
        }
    }

    private static InputType fromFirstLayer(InputPreProcessor pp, Layer layer) {
        if (pp instanceof FeedForwardToCnnPreProcessor f) {
            return InputType.convolutionalFlat(f.getInputHeight(), f.getInputWidth(), f.getNumChannels());
        }
        while (layer instanceof FrozenLayer || layer instanceof FrozenLayerWithBackprop) {
            layer = layer instanceof FrozenLayer fl ? fl.getLayer() : ((FrozenLayerWithBackprop) layer).getUnderlying();
        }
        if (pp == null && (layer instanceof DenseLayer || layer instanceof OutputLayer)
                && ((FeedForwardLayer) layer).getNIn() > 0) {
            return InputType.feedForward(((FeedForwardLayer) layer).getNIn());
        }
        return null;
    }

    private static String cannotInfer(String what, String hint) {
        return "Cannot infer the input type of " + what + ": DL4J does not store it in a built configuration, and "
                + "the image size is needed to count FLOPs. Pass it explicitly, e.g. of(net, " + hint + ").";
    }
}

package dev.autoprune.graph;

import dev.autoprune.layers.MaskableLayerConfig;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
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
import java.util.Optional;

/**
 * Recovers network input types, which DL4J does not store in a built configuration. In this order:
 * the types {@code AutoPrune.prunable} recorded in the mask layers; what the configuration tells (a
 * first {@code FeedForwardToCnnPreProcessor}, from {@code InputType.convolutionalFlat}, gives the image
 * size, a first dense layer gives the feature count); for a network, the rank-4 input arrays it
 * currently holds (as during {@code fit}). The lookups return empty when nothing tells; the
 * {@code infer} methods are for factories that cannot go on without the types and say how to pass them.
 */
final class InputTypeInference {

    private InputTypeInference() {
    }

    // ---- lookups: empty when the source does not tell ----

    /** The input type of a MultiLayerNetwork configuration: recorded, else from its first layer. */
    static Optional<InputType> fromConfiguration(MultiLayerConfiguration conf) {
        Optional<InputType[]> recorded = recorded(conf.getConfs().stream().map(NeuralNetConfiguration::getLayer).toList(), 1);
        if (recorded.isPresent()) {
            return Optional.of(recorded.get()[0]);
        }
        if (conf.getConfs().isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(fromFirstLayer(conf.getInputPreProcess(0), conf.getConf(0).getLayer()));
    }

    /** The input types of a ComputationGraph configuration: recorded, else from the layers that read each input. */
    static Optional<InputType[]> fromConfiguration(ComputationGraphConfiguration conf) {
        List<String> inputs = conf.getNetworkInputs();
        List<Layer> layers = conf.getVertices().values().stream().filter(LayerVertex.class::isInstance)
                .map(v -> ((LayerVertex) v).getLayerConf().getLayer()).toList();
        Optional<InputType[]> recorded = recorded(layers, inputs.size());
        if (recorded.isPresent()) {
            return recorded;
        }
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
                return Optional.empty();
            }
        }
        return Optional.of(out);
    }

    /** The input type of the rank-4 input array a MultiLayerNetwork currently holds. */
    static Optional<InputType> fromArrays(MultiLayerNetwork net) {
        if (net.getLayerWiseConfigurations().getConfs().isEmpty()) {
            return Optional.empty();
        }
        return ArrayInputTypes.of(net.getInput(), net.getLayerWiseConfigurations().getConf(0).getLayer());
    }

    /** The input types of the rank-4 input arrays a ComputationGraph currently holds (all or none). */
    static Optional<InputType[]> fromArrays(ComputationGraph net) {
        INDArray[] arrays = net.getInputs();
        if (arrays == null || arrays.length != net.getConfiguration().getNetworkInputs().size()) {
            return Optional.empty();
        }
        InputType[] out = new InputType[arrays.length];
        for (int i = 0; i < arrays.length; i++) {
            Optional<InputType> t = ArrayInputTypes.of(arrays[i], net.getConfiguration(), i);
            if (t.isEmpty()) {
                return Optional.empty();
            }
            out[i] = t.get();
        }
        return Optional.of(out);
    }

    // ---- for factories that must fail: the lookups, or a message that says how to pass the types ----

    static InputType infer(MultiLayerConfiguration conf) {
        if (conf.getConfs().isEmpty()) {
            throw new IllegalArgumentException("The configuration has no layers");
        }
        return fromConfiguration(conf).orElseThrow(() -> new IllegalArgumentException(
                cannotInfer("the MultiLayerNetwork", "InputType.convolutional(height, width, channels)")));
    }

    static InputType[] infer(ComputationGraphConfiguration conf) {
        return fromConfiguration(conf).orElseThrow(() -> new IllegalArgumentException(
                cannotInfer("network input \"" + firstUnknown(conf) + "\"", "one InputType per network input")));
    }

    /** From the configuration, else from the shape of the network's current input array (e.g. during fit). */
    static InputType infer(MultiLayerNetwork net) {
        Optional<InputType> known = fromConfiguration(net.getLayerWiseConfigurations()).or(() -> fromArrays(net));
        return known.orElseGet(() -> infer(net.getLayerWiseConfigurations()));
    }

    /** From the configuration, else from the shapes of the graph's current input arrays (e.g. during fit). */
    static InputType[] infer(ComputationGraph net) {
        Optional<InputType[]> known = fromConfiguration(net.getConfiguration()).or(() -> fromArrays(net));
        return known.orElseGet(() -> infer(net.getConfiguration()));
    }

    // ---- sources ----

    /** The types recorded in the first mask layer that holds the expected number of them. */
    private static Optional<InputType[]> recorded(List<Layer> layers, int networkInputs) {
        for (Layer l : layers) {
            if (unwrap(l) instanceof MaskableLayerConfig m) {
                Optional<InputType[]> types = m.recordedInputTypes();
                if (types.isPresent() && types.get().length == networkInputs) {
                    return types;
                }
            }
        }
        return Optional.empty();
    }

    private static InputType fromFirstLayer(InputPreProcessor pp, Layer layer) {
        if (pp instanceof FeedForwardToCnnPreProcessor f) {
            return InputType.convolutionalFlat(f.getInputHeight(), f.getInputWidth(), f.getNumChannels());
        }
        layer = unwrap(layer);
        if (pp == null && (layer instanceof DenseLayer || layer instanceof OutputLayer)
                && ((FeedForwardLayer) layer).getNIn() > 0) {
            return InputType.feedForward(((FeedForwardLayer) layer).getNIn());
        }
        return null;
    }

    private static Layer unwrap(Layer layer) {
        while (layer instanceof FrozenLayer || layer instanceof FrozenLayerWithBackprop) {
            layer = layer instanceof FrozenLayer fl ? fl.getLayer() : ((FrozenLayerWithBackprop) layer).getUnderlying();
        }
        return layer;
    }

    /** The first network input whose type nothing tells, for the message. */
    private static String firstUnknown(ComputationGraphConfiguration conf) {
        for (String in : conf.getNetworkInputs()) {
            boolean told = false;
            for (Map.Entry<String, List<String>> e : conf.getVertexInputs().entrySet()) {
                GraphVertex v = conf.getVertices().get(e.getKey());
                told |= e.getValue().contains(in) && v instanceof LayerVertex lv
                        && fromFirstLayer(lv.getPreProcessor(), lv.getLayerConf().getLayer()) != null;
            }
            if (!told) {
                return in;
            }
        }
        return conf.getNetworkInputs().isEmpty() ? "(none)" : conf.getNetworkInputs().get(0);
    }

    private static String cannotInfer(String what, String hint) {
        return "Cannot infer the input type of " + what + ": DL4J does not store it in a built configuration, and "
                + "the image size is needed to count FLOPs. Pass it explicitly, e.g. of(net, " + hint + "); "
                + "a network made by AutoPrune.prunable records it.";
    }
}

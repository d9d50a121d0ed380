package dev.autoprune.graph;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.Optional;

/**
 * The network input types of a network, where they can be known without asking the user. DL4J does
 * not store them in a built configuration, so they come, in this order, from the types
 * {@code AutoPrune.prunable} recorded in the mask layers, from the configuration's own hints
 * ({@code InputType.convolutionalFlat}, a dense first layer), or from the input arrays the network
 * currently holds (as during {@code fit}). Empty when none tells.
 */
public final class InputTypes {

    private InputTypes() {
    }

    /** The input type of a MultiLayerNetwork (one element), or empty when it cannot be known yet. */
    public static Optional<InputType[]> of(MultiLayerNetwork net) {
        return InputTypeInference.fromConfiguration(net.getLayerWiseConfigurations())
                .or(() -> InputTypeInference.fromArrays(net))
                .map(t -> new InputType[] {t});
    }

    /** The input types of a ComputationGraph (one per network input), or empty when they cannot be known yet. */
    public static Optional<InputType[]> of(ComputationGraph net) {
        return InputTypeInference.fromConfiguration(net.getConfiguration())
                .or(() -> InputTypeInference.fromArrays(net));
    }

    /** The input type of a MultiLayerNetwork configuration (one element): recorded, else from its hints; else empty. */
    public static Optional<InputType[]> of(MultiLayerConfiguration conf) {
        return InputTypeInference.fromConfiguration(conf).map(t -> new InputType[] {t});
    }

    /** The input types of a ComputationGraph configuration: recorded, else from its hints; else empty. */
    public static Optional<InputType[]> of(ComputationGraphConfiguration conf) {
        return InputTypeInference.fromConfiguration(conf);
    }
}

package dev.autoprune.graph;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.Optional;

/**
 * The network input types of a network, where they can be known without asking the user: DL4J does
 * not store them in a built configuration, so they come from the configuration's own hints or from the
 * input arrays the network currently holds (as during {@code fit}). Empty when neither tells.
 */
public final class InputTypes {

    private InputTypes() {
    }

    /** The input type of a MultiLayerNetwork, or empty when it cannot be known yet. */
    public static Optional<InputType[]> of(MultiLayerNetwork net) {
        // TODO(issue 11, input types once): replace the exception test by a direct lookup.
        try {
            return Optional.of(new InputType[] {InputTypeInference.infer(net)});
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The input types of a ComputationGraph (one per network input), or empty when they cannot be known yet. */
    public static Optional<InputType[]> of(ComputationGraph net) {
        // TODO(issue 11, input types once): replace the exception test by a direct lookup.
        try {
            return Optional.of(InputTypeInference.infer(net));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}

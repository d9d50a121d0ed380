package dev.autoprune.rules;

import dev.autoprune.graph.GraphNode;
import org.deeplearning4j.nn.conf.inputs.InputType;

import java.util.Optional;

/** Input-type checks for {@link LayerRule#unsupportedReason}: the reason when a layer's input has the wrong shape. */
public final class InputChecks {

    private InputChecks() {
    }

    /** Empty when the layer's input (after its preprocessor) is a 2-D convolutional activation [mb, C, H, W]. */
    public static Optional<String> convolutional(GraphNode node) {
        InputType in = node.layerInputType();
        return in instanceof InputType.InputTypeConvolutional ? Optional.empty()
                : Optional.of("expects 2-D convolutional input [mb, C, H, W], found " + in);
    }

    /** Empty when the layer's input (after its preprocessor) is a feed-forward activation [mb, n]. */
    public static Optional<String> feedForward(GraphNode node) {
        InputType in = node.layerInputType();
        return in instanceof InputType.InputTypeFeedForward ? Optional.empty()
                : Optional.of("expects feed-forward input [mb, n], found " + in);
    }
}

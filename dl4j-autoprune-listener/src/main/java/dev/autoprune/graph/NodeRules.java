package dev.autoprune.graph;

import dev.autoprune.rules.LayerRule;
import dev.autoprune.rules.LayerRules;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;

import java.util.List;
import java.util.Optional;

/**
 * Gives each node its {@link LayerRule}: the registered rule of its (unwrapped) configuration class
 * when the node's activations are NCHW and the rule accepts the node, else the blocking rule of an
 * unsupported node with the reason.
 */
final class NodeRules {

    private NodeRules() {
    }

    /**
     * Sets {@code b.rule} (and {@code b.unsupportedReason}) for a layer or vertex configuration.
     *
     * @param config  the layer or vertex configuration, frozen wrappers removed
     * @param checked the activation types whose data format must be NCHW: the layer's input (after its
     *                preprocessor) or the vertex's inputs, and the output
     */
    static void assign(GraphNode.Builder b, Object config, List<InputType> checked) {
        // The whole analysis (channel runs along dimension 1, DL4J's [c, h, w] flattening) assumes NCHW.
        for (InputType t : checked) {
            if (t instanceof InputType.InputTypeConvolutional c && c.getFormat() != CNN2DFormat.NCHW) {
                unsupported(b, "data format " + c.getFormat() + " (only NCHW is supported)");
                return;
            }
        }
        Optional<LayerRule> rule = LayerRules.of(config.getClass());
        if (rule.isEmpty()) {
            unsupported(b, "no channel-pruning rule for " + config.getClass().getSimpleName());
            return;
        }
        b.rule = rule.get();
        b.unsupportedReason = null;
        rule.get().unsupportedReason(b.build()).ifPresent(reason -> unsupported(b, reason));
    }

    private static void unsupported(GraphNode.Builder b, String reason) {
        b.rule = UnsupportedRule.INSTANCE;
        b.unsupportedReason = reason;
    }
}

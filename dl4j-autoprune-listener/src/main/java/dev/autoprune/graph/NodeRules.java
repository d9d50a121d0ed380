package dev.autoprune.graph;

import dev.autoprune.rules.LayerRule;
import dev.autoprune.rules.LayerRules;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;

import java.util.List;
import java.util.Optional;

/**
 * Gives each node its {@link LayerRule}: the registered rule of its (unwrapped) configuration class
 * when the node's convolutional activations have the network's data format (NCHW or NHWC, the same
 * throughout) and the rule accepts the node, else the blocking rule of an unsupported node with the
 * reason.
 */
final class NodeRules {

    /** The data format of a network: that of the first convolutional activation met, in topological order. */
    static final class Format {
        private CNN2DFormat format;

        /** The reason a node whose activations have these types does not fit the network's format, or null. */
        String mismatch(List<InputType> types) {
            for (InputType t : types) {
                if (t instanceof InputType.InputTypeConvolutional c) {
                    if (format == null) {
                        format = c.getFormat();
                    } else if (c.getFormat() != format) {
                        return "data format " + c.getFormat() + " in a network whose earlier layers are " + format
                                + "; mixed formats are not supported: give every convolutional layer the same "
                                + "CNN2DFormat (dataFormat(...)) as the network input";
                    }
                }
            }
            return null;
        }
    }

    private NodeRules() {
    }

    /**
     * Sets {@code b.rule} (and {@code b.unsupportedReason}) for a layer or vertex configuration.
     *
     * @param config  the layer or vertex configuration, frozen wrappers removed
     * @param checked the activation types whose data format must be the network's: the layer's input
     *                (after its preprocessor) or the vertex's inputs, and the output
     * @param format  the network's data format so far
     */
    static void assign(GraphNode.Builder b, Object config, List<InputType> checked, Format format) {
        String mismatch = format.mismatch(checked);
        if (mismatch != null) {
            unsupported(b, mismatch);
            return;
        }
        Optional<LayerRule> rule = LayerRules.of(config.getClass());
        if (rule.isEmpty()) {
            unsupported(b, KnownUnsupported.reason(config.getClass())
                    .orElse("no channel-pruning rule for " + config.getClass().getSimpleName()));
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

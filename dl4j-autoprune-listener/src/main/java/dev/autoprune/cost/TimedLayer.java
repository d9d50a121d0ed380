package dev.autoprune.cost;

import dev.autoprune.compact.LayerRewriter;
import dev.autoprune.flops.LayerCost;
import dev.autoprune.flops.LinearForm;
import dev.autoprune.graph.GraphNode;
import dev.autoprune.graph.NodeKind;
import dev.autoprune.layers.MaskedConvolutionLayer;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;

import java.util.Set;

/**
 * One layer a {@link LatencyModel} times: its node, its widths as functions of the group ratios, which of
 * them pruning changes, and how to build the plain layer at given width fractions (a masked convolution is
 * timed as the plain convolution compaction turns it into). Immutable.
 */
final class TimedLayer {

    private final GraphNode node;
    private final LinearForm in;
    private final LinearForm out;
    private final boolean inputVaries;
    private final boolean outputVaries;

    TimedLayer(GraphNode node, LayerCost cost, Set<String> masked) {
        this.node = node;
        this.in = cost.inputWidth();
        this.out = cost.outputWidth();
        this.inputVaries = dependsOn(in, masked);
        // Only a producer sets its output width; a carrier's output is its input, a consumer's is fixed.
        this.outputVaries = node.kind().role() == NodeKind.Role.PRODUCER && dependsOn(out, masked);
    }

    private static boolean dependsOn(LinearForm f, Set<String> masked) {
        for (String g : f.coefficients().keySet()) {
            if (masked.contains(g)) {
                return true;
            }
        }
        return false;
    }

    String name() {
        return node.name();
    }

    String type() {
        return plainLayer().getClass().getSimpleName();
    }

    LinearForm in() {
        return in;
    }

    LinearForm out() {
        return out;
    }

    boolean inputVaries() {
        return inputVaries;
    }

    boolean outputVaries() {
        return outputVaries;
    }

    /** What the cache key records of this layer: anything that changes its time at a given width. */
    String signature() {
        return name() + "|" + type() + "|" + node.inputTypes().get(0) + "|" + node.outputType() + "|" + inputVaries
                + "|" + outputVaries;
    }

    /** The layer configuration as the compacted network has it (masked convolution: the plain one). */
    Layer plainLayer() {
        Layer l = node.layer();
        return l instanceof MaskedConvolutionLayer m ? LayerRewriter.plainConvolution(m) : l;
    }

    /** The full input channel count (the axis the input-width fraction scales). */
    long inputChannels() {
        return channels(node.inputTypes().get(0));
    }

    /** The full output width nOut (producers). */
    long outputChannels() {
        return plainLayer() instanceof FeedForwardLayer f ? f.getNOut() : 1;
    }

    /** Channels an input type holds on its channel axis; 0 when it has none this class can scale. */
    static long channels(InputType t) {
        if (t instanceof InputType.InputTypeConvolutional c) {
            return c.getChannels();
        }
        if (t instanceof InputType.InputTypeConvolutionalFlat c) {
            return c.getDepth();
        }
        if (t instanceof InputType.InputTypeFeedForward f) {
            return f.getSize();
        }
        return 0;
    }

    /** The input type with {@code channels} channels. */
    InputType input(long channels) {
        InputType t = node.inputTypes().get(0);
        if (t instanceof InputType.InputTypeConvolutional c) {
            return InputType.convolutional(c.getHeight(), c.getWidth(), channels, c.getFormat());
        }
        if (t instanceof InputType.InputTypeConvolutionalFlat c) {
            return InputType.convolutionalFlat(c.getHeight(), c.getWidth(), channels);
        }
        if (t instanceof InputType.InputTypeFeedForward f) {
            return InputType.feedForward(channels, f.getTimeDistributedFormat());
        }
        throw new IllegalStateException("unreachable: checked by LatencyModel");
    }

    /**
     * The plain layer at these widths: a producer whose output varies gets nOut {@code nOut}; a per-channel
     * layer with nIn/nOut (BatchNormalization, depthwise) gets {@code cin}, as in the compacted network.
     */
    Layer layer(long cin, long nOut) {
        Layer l = plainLayer().clone();
        if (l instanceof FeedForwardLayer f) {
            if (outputVaries) {
                f.setNOut(nOut);
            } else if (inputVaries && node.kind().role() == NodeKind.Role.CARRIER && f.getNIn() == f.getNOut()) {
                f.setNIn(cin);
                f.setNOut(cin);
            }
        }
        return l;
    }

    /** Whether this layer's input can be scaled (convolutional or feed-forward input). */
    boolean scalable() {
        return !inputVaries || channels(node.inputTypes().get(0)) > 0;
    }

    /** The node's first input type, for messages. */
    InputType inputType() {
        return node.inputTypes().get(0);
    }
}

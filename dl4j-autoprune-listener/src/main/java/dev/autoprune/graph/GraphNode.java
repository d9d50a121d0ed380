package dev.autoprune.graph;

import dev.autoprune.rules.LayerRule;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;

import java.util.List;
import java.util.Objects;

/**
 * One node of a {@link NetworkGraph}: a network input, a layer (of a {@code MultiLayerNetwork} or a
 * {@code ComputationGraph}) or a graph vertex, with its inputs and activation types.
 *
 * <p>The node itself is immutable. {@link #layer()}, {@link #vertex()} and {@link #preProcessor()}
 * are the configuration's own objects (not copies), given for reading; do not modify them.
 */
public final class GraphNode {

    private final String name;
    private final LayerRule rule;
    private final String typeName;
    private final Layer layer;
    private final GraphVertex vertex;
    private final InputPreProcessor preProcessor;
    private final List<String> inputs;
    private final List<InputType> inputTypes;
    private final InputType layerInputType;
    private final InputType outputType;
    private final int layerIndex;
    private final boolean frozen;
    private final String unsupportedReason;

    GraphNode(Builder b) {
        this.name = Objects.requireNonNull(b.name, "name");
        this.rule = Objects.requireNonNull(b.rule, "rule");
        this.typeName = Objects.requireNonNull(b.typeName, "typeName");
        this.layer = b.layer;
        this.vertex = b.vertex;
        this.preProcessor = b.preProcessor;
        this.inputs = List.copyOf(b.inputs);
        this.inputTypes = List.copyOf(b.inputTypes);
        this.layerInputType = b.layerInputType;
        this.outputType = Objects.requireNonNull(b.outputType, "outputType");
        this.layerIndex = b.layerIndex;
        this.frozen = b.frozen;
        this.unsupportedReason = b.unsupportedReason;
    }

    /** The layer name (MultiLayerNetwork: DL4J's name, {@code "layer" + index} when unnamed) or vertex name. */
    public String name() {
        return name;
    }

    /** What the node does to channels: its rule's kind, {@link NodeKind#UNSUPPORTED} when it has none. */
    public NodeKind kind() {
        return rule.kind();
    }

    /**
     * Everything pruning knows about this node's layer or vertex type (its channel flow, cost, slicing,
     * mask placement and importance); for an unsupported node, a rule that blocks its channels.
     */
    public LayerRule rule() {
        return rule;
    }

    /** The DL4J type, e.g. {@code ConvolutionLayer} or {@code FrozenLayer(ConvolutionLayer)}. */
    public String typeName() {
        return typeName;
    }

    /** The layer configuration with any frozen wrapper removed, or null for inputs and non-layer vertices. */
    public Layer layer() {
        return layer;
    }

    /** The graph vertex configuration (ComputationGraph only; null for MultiLayerNetwork layers and inputs). */
    public GraphVertex vertex() {
        return vertex;
    }

    /** The input preprocessor applied before the layer, or null. */
    public InputPreProcessor preProcessor() {
        return preProcessor;
    }

    /** The names of the nodes this node reads, in order. */
    public List<String> inputs() {
        return inputs;
    }

    /** The activation types of {@link #inputs()}, before any preprocessor. */
    public List<InputType> inputTypes() {
        return inputTypes;
    }

    /** For a layer: its input type after the preprocessor; otherwise null. */
    public InputType layerInputType() {
        return layerInputType;
    }

    /** The type of this node's output activations. */
    public InputType outputType() {
        return outputType;
    }

    /** The layer index in a MultiLayerNetwork, or -1. */
    public int layerIndex() {
        return layerIndex;
    }

    /** Whether the layer is wrapped in {@code FrozenLayer} or {@code FrozenLayerWithBackprop}. */
    public boolean frozen() {
        return frozen;
    }

    /** For {@link NodeKind#UNSUPPORTED} nodes, why; otherwise null. */
    public String unsupportedReason() {
        return unsupportedReason;
    }

    /** {@code ConvolutionLayer (layer name="conv2")}, for messages. */
    public String describe() {
        return typeName + " (layer name=\"" + name + "\")";
    }

    @Override
    public String toString() {
        return describe() + " " + kind();
    }

    /** Collects the fields of a node. */
    static final class Builder {
        String name;
        LayerRule rule;
        String typeName;
        Layer layer;
        GraphVertex vertex;
        InputPreProcessor preProcessor;
        List<String> inputs = List.of();
        List<InputType> inputTypes = List.of();
        InputType layerInputType;
        InputType outputType;
        int layerIndex = -1;
        boolean frozen;
        String unsupportedReason;

        GraphNode build() {
            return new GraphNode(this);
        }
    }
}

package dev.autoprune.graph;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.graph.FrozenVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The nodes of a {@code MultiLayerNetwork} or {@code ComputationGraph} configuration in topological
 * order, each with its kind ({@link NodeKind}), inputs and activation types: the structure every
 * channel analysis (groups, FLOPs, removal) walks.
 *
 * <p>A MultiLayerNetwork becomes a chain: a network input named {@value #MLN_INPUT} followed by one
 * node per layer. Activation types are computed from the given network input types without
 * modifying the configuration.
 */
public final class NetworkGraph {

    /** The name of a MultiLayerNetwork's single input node. */
    public static final String MLN_INPUT = "input";

    private final List<GraphNode> nodes;
    private final Map<String, GraphNode> byName;
    private final Map<String, List<String>> successors;
    private final List<String> outputs;
    private final boolean computationGraph;

    private NetworkGraph(List<GraphNode> nodes, List<String> outputs, boolean computationGraph) {
        this.nodes = List.copyOf(nodes);
        Map<String, GraphNode> names = new LinkedHashMap<>();
        Map<String, List<String>> succ = new LinkedHashMap<>();
        for (GraphNode n : nodes) {
            names.put(n.name(), n);
            succ.put(n.name(), new ArrayList<>());
        }
        for (GraphNode n : nodes) {
            for (String in : new LinkedHashSet<>(n.inputs())) {
                succ.get(in).add(n.name());
            }
        }
        Map<String, List<String>> frozenSucc = new LinkedHashMap<>();
        succ.forEach((k, v) -> frozenSucc.put(k, List.copyOf(v)));
        this.byName = Collections.unmodifiableMap(names);
        this.successors = Collections.unmodifiableMap(frozenSucc);
        this.outputs = List.copyOf(outputs);
        this.computationGraph = computationGraph;
    }

    /**
     * The graph of a MultiLayerNetwork configuration.
     *
     * @param input the network's input type, e.g. {@code InputType.convolutional(28, 28, 1)}
     */
    public static NetworkGraph of(MultiLayerConfiguration conf, InputType input) {
        Objects.requireNonNull(conf, "conf");
        Objects.requireNonNull(input, "input type");
        List<GraphNode> nodes = new ArrayList<>();
        NodeRules.Format format = new NodeRules.Format();
        nodes.add(inputNode(MLN_INPUT, input));
        String previous = MLN_INPUT;
        InputType current = input;
        for (int i = 0; i < conf.getConfs().size(); i++) {
            Layer outer = conf.getConf(i).getLayer();
            String name = outer.getLayerName() != null ? outer.getLayerName() : "layer" + i;
            InputPreProcessor pp = conf.getInputPreProcess(i);
            GraphNode node = layerNode(name, i, outer, pp, previous, current, format);
            nodes.add(node);
            previous = name;
            current = node.outputType();
        }
        return new NetworkGraph(nodes, List.of(previous), false);
    }

    /**
     * The graph of a ComputationGraph configuration.
     *
     * @param inputs the types of the network inputs, in the order of {@code getNetworkInputs()}
     */
    public static NetworkGraph of(ComputationGraphConfiguration conf, InputType... inputs) {
        Objects.requireNonNull(conf, "conf");
        List<String> netInputs = conf.getNetworkInputs();
        if (inputs == null || inputs.length != netInputs.size()) {
            throw new IllegalArgumentException("Expected " + netInputs.size() + " input types (one per network input "
                    + netInputs + "), found " + (inputs == null ? 0 : inputs.length));
        }
        Map<String, InputType> types = new LinkedHashMap<>();
        List<GraphNode> nodes = new ArrayList<>();
        NodeRules.Format format = new NodeRules.Format();
        for (int i = 0; i < inputs.length; i++) {
            GraphNode node = inputNode(netInputs.get(i), Objects.requireNonNull(inputs[i], "input type " + i));
            nodes.add(node);
            types.put(node.name(), node.outputType());
        }
        int layerIndex = 0;
        for (String name : topologicalOrder(conf)) {
            GraphVertex vertex = conf.getVertices().get(name);
            List<String> ins = conf.getVertexInputs().getOrDefault(name, List.of());
            GraphNode node;
            GraphVertex plain = vertex instanceof FrozenVertex fv ? fv.getUnderlying() : vertex;
            if (plain instanceof LayerVertex lv) {
                node = layerNode(name, layerIndex++, lv.getLayerConf().getLayer(), lv.getPreProcessor(), ins.get(0),
                        types.get(ins.get(0)), format);
                node = withVertex(node, vertex, vertex instanceof FrozenVertex);
            } else {
                node = vertexNode(name, vertex, plain, ins, types, layerIndex, format);
            }
            nodes.add(node);
            types.put(name, node.outputType());
        }
        return new NetworkGraph(nodes, conf.getNetworkOutputs(), true);
    }

    private static GraphNode inputNode(String name, InputType type) {
        GraphNode.Builder b = new GraphNode.Builder();
        b.name = name;
        b.rule = InputRule.INSTANCE;
        b.typeName = "Input";
        b.outputType = type;
        return b.build();
    }

    private static GraphNode layerNode(String name, int index, Layer outer, InputPreProcessor pp, String input,
                                       InputType inType, NodeRules.Format format) {
        Layer inner = outer;
        boolean frozen = false;
        while (inner instanceof FrozenLayer || inner instanceof FrozenLayerWithBackprop) {
            inner = inner instanceof FrozenLayer f ? f.getLayer() : ((FrozenLayerWithBackprop) inner).getUnderlying();
            frozen = true;
        }
        InputType after = pp == null ? inType : pp.getOutputType(inType);
        // DL4J types a LossLayer's output as feedForward(nOut) with nOut 0 unless set; its output is its input.
        InputType out = inner instanceof LossLayer ? after : outer.getOutputType(index, after);
        GraphNode.Builder b = new GraphNode.Builder();
        b.name = name;
        b.typeName = frozen ? outer.getClass().getSimpleName() + "(" + inner.getClass().getSimpleName() + ")"
                : inner.getClass().getSimpleName();
        b.layer = inner;
        b.preProcessor = pp;
        b.inputs = List.of(input);
        b.inputTypes = List.of(inType);
        b.layerInputType = after;
        b.outputType = out;
        b.layerIndex = index;
        b.frozen = frozen;
        NodeRules.assign(b, inner, Arrays.asList(inType, after, out), format);
        return b.build();
    }

    private static GraphNode withVertex(GraphNode n, GraphVertex vertex, boolean frozenVertex) {
        GraphNode.Builder b = new GraphNode.Builder();
        b.name = n.name();
        b.rule = n.rule();
        b.unsupportedReason = n.unsupportedReason();
        b.typeName = frozenVertex ? "FrozenVertex(" + n.typeName() + ")" : n.typeName();
        b.layer = n.layer();
        b.vertex = vertex;
        b.preProcessor = n.preProcessor();
        b.inputs = n.inputs();
        b.inputTypes = n.inputTypes();
        b.layerInputType = n.layerInputType();
        b.outputType = n.outputType();
        b.layerIndex = -1;
        b.frozen = n.frozen() || frozenVertex;
        return b.build();
    }

    private static GraphNode vertexNode(String name, GraphVertex vertex, GraphVertex plain, List<String> ins,
                                        Map<String, InputType> types, int layerIndex, NodeRules.Format format) {
        List<InputType> inTypes = new ArrayList<>();
        for (String in : ins) {
            inTypes.add(types.get(in));
        }
        InputType out = vertex.getOutputType(layerIndex, inTypes.toArray(new InputType[0]));
        GraphNode.Builder b = new GraphNode.Builder();
        b.name = name;
        b.typeName = plain == vertex ? vertex.getClass().getSimpleName()
                : "FrozenVertex(" + plain.getClass().getSimpleName() + ")";
        b.vertex = vertex;
        b.preProcessor = plain instanceof org.deeplearning4j.nn.conf.graph.PreprocessorVertex pv
                ? pv.getPreProcessor() : null;
        b.inputs = ins;
        b.inputTypes = inTypes;
        b.outputType = out;
        List<InputType> checked = new ArrayList<>(inTypes);
        checked.add(out);
        NodeRules.assign(b, plain, checked, format);
        return b.build();
    }

    /** Kahn's algorithm; among ready vertices the one declared first goes first, so the order is stable. */
    private static List<String> topologicalOrder(ComputationGraphConfiguration conf) {
        Set<String> done = new LinkedHashSet<>(conf.getNetworkInputs());
        List<String> pending = new ArrayList<>(conf.getVertices().keySet());
        List<String> order = new ArrayList<>();
        while (!pending.isEmpty()) {
            String ready = null;
            for (String v : pending) {
                if (done.containsAll(conf.getVertexInputs().getOrDefault(v, List.of()))) {
                    ready = v;
                    break;
                }
            }
            if (ready == null) {
                throw new IllegalArgumentException("The graph has a cycle or a missing input among vertices " + pending);
            }
            pending.remove(ready);
            done.add(ready);
            order.add(ready);
        }
        return order;
    }

    /** All nodes, inputs first, in topological order. */
    public List<GraphNode> nodes() {
        return nodes;
    }

    /** The node with this name. */
    public GraphNode node(String name) {
        GraphNode n = byName.get(name);
        if (n == null) {
            throw new IllegalArgumentException("No layer or vertex named \"" + name + "\"; known: " + byName.keySet());
        }
        return n;
    }

    /** Whether a node has this name. */
    public boolean contains(String name) {
        return byName.containsKey(name);
    }

    /** The names of the nodes that read this node's output, in topological order. */
    public List<String> successors(String name) {
        node(name);
        return successors.get(name);
    }

    /** The names of the nodes whose activations are network outputs. */
    public List<String> outputs() {
        return outputs;
    }

    /** Whether this is a ComputationGraph (else a MultiLayerNetwork chain). */
    public boolean isComputationGraph() {
        return computationGraph;
    }

    @Override
    public String toString() {
        return "NetworkGraph" + Arrays.toString(nodes.stream().map(GraphNode::toString).toArray());
    }
}

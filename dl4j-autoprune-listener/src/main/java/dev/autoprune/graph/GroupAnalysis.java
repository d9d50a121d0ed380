package dev.autoprune.graph;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The single forward pass over a {@link NetworkGraph} that finds channel groups: node by node it
 * follows which source each activation element comes from and whether a mask has zeroed the pruned
 * ones, asking each node's layer rule what the node does to them ({@link NodeFlow}). The state it
 * builds is assembled into {@link ChannelGroups} by {@link GroupAssembly}.
 */
final class GroupAnalysis {

    /** A layer reading activations (a producer or an output layer): it becomes a consumer of their groups. */
    record Read(String node, Channels channels) {
    }

    final NetworkGraph graph;
    final SourceTable sources = new SourceTable();
    final List<String> masksInOrder = new ArrayList<>();
    final Map<String, Integer> maskSource = new HashMap<>();
    final Map<String, Channels> outputs = new HashMap<>();
    final Map<String, List<Channels>> inputs = new HashMap<>();
    final List<Read> reads = new ArrayList<>();
    final List<String> problems = new ArrayList<>();
    final List<UnsupportedLayer> unsupported = new ArrayList<>();

    private GroupAnalysis(NetworkGraph graph) {
        this.graph = graph;
    }

    static ChannelGroups analyse(NetworkGraph graph) {
        GroupAnalysis a = new GroupAnalysis(graph);
        for (GraphNode node : graph.nodes()) {
            a.visit(node);
        }
        for (String out : graph.outputs()) {
            a.sources.block(a.outputs.get(out), "reaches the network output \"" + out + "\"");
        }
        return new GroupAssembly(a).result();
    }

    private void visit(GraphNode node) {
        if (node.kind() == NodeKind.INPUT) {
            outputs.put(node.name(), fixed(node.name(), elements(node.outputType()),
                    "is the network input \"" + node.name() + "\""));
            return;
        }
        List<Channels> ins = new ArrayList<>();
        for (String in : node.inputs()) {
            ins.add(outputs.get(in));
        }
        if (node.preProcessor() != null) {
            ins = List.of(preprocess(node, ins.get(0)));
        }
        inputs.put(node.name(), ins);
        Channels out = node.rule().flow(new NodeFlow(this, node, ins));
        if (out.size() != elements(node.outputType())) {
            sources.block(out, "has an activation size the analysis cannot follow through " + node.describe());
            out = opaque(node, "output of " + node.describe());
        }
        if (node.kind().role() == NodeKind.Role.CARRIER) {
            sources.carry(out, node.name());
        }
        outputs.put(node.name(), out);
    }

    /**
     * Follows channels through a layer's preprocessor: DL4J's flattening keeps them (NCHW in [c, h, w]
     * order: each channel a block of H*W features; NHWC in [h, w, c] order: the channels repeat at every
     * position); other preprocessors block them.
     */
    private Channels preprocess(GraphNode node, Channels in) {
        InputPreProcessor pp = node.preProcessor();
        InputType before = node.inputTypes().get(0);
        if (pp instanceof CnnToFeedForwardPreProcessor c && before instanceof InputType.InputTypeConvolutional cnn
                && c.getFormat() == cnn.getFormat() && in.positions() == 1) {
            long hw = cnn.getHeight() * cnn.getWidth();
            if (c.getFormat() == CNN2DFormat.NHWC) {
                return new Channels(in.runs(), hw);
            }
            List<Run> out = new ArrayList<>();
            for (Run r : in.runs()) {
                out.add(r.withUnit(r.unit() * hw));
            }
            return new Channels(out);
        }
        sources.block(in, "is reshaped by " + pp.getClass().getSimpleName() + " before " + node.describe());
        InputType after = node.layerInputType() != null ? node.layerInputType() : node.outputType();
        return fixed(node.name() + "/" + pp.getClass().getSimpleName(), elements(after),
                "is the output of " + pp.getClass().getSimpleName() + " before " + node.describe());
    }

    /** A fixed group for the node's output: its channels cannot be pruned. */
    Channels opaque(GraphNode node, String origin) {
        return fixed(node.name(), elements(node.outputType()), "is the " + origin);
    }

    /**
     * A new source of {@code c} channels that cannot be pruned; no channels at all when DL4J types the
     * activation as empty (never a zero-channel group).
     */
    private Channels fixed(String origin, long c, String blocker) {
        if (c <= 0) {
            return new Channels(List.of());
        }
        int s = sources.add(origin, c, false);
        sources.get(s).blockers.add(blocker);
        return new Channels(List.of(new Run(s, c, 1, null)));
    }

    void registerMask(String name, int source) {
        masksInOrder.add(name);
        maskSource.put(name, source);
    }

    /** Elements per example position: channels of a CNN activation, features of a dense one. */
    static long elements(InputType t) {
        if (t instanceof InputType.InputTypeConvolutional c) {
            return c.getChannels();
        }
        if (t instanceof InputType.InputTypeFeedForward f) {
            return f.getSize();
        }
        if (t instanceof InputType.InputTypeConvolutionalFlat f) {
            return f.getFlattenedSize();
        }
        if (t instanceof InputType.InputTypeRecurrent r) {
            return r.getSize();
        }
        if (t instanceof InputType.InputTypeConvolutional3D c) {
            return c.getChannels();
        }
        return t.arrayElementsPerExample();
    }
}

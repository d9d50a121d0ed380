package dev.autoprune.graph;

import dev.autoprune.layers.MaskSettings;
import dev.autoprune.layers.MaskableLayerConfig;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.FrozenVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The single pass over a {@link NetworkGraph} that finds channel groups: it propagates, node by
 * node, which source of channels each activation element comes from and whether a mask has zeroed the
 * pruned ones, unites sources that element-wise vertices add, and records who produces, carries, reads
 * and masks each group, and every placement problem.
 */
final class GroupAnalysis {

    /** A run of an activation from one source; {@code zeroedBy} names the mask that zeroed it, or null. */
    private record Raw(int source, long channels, long unit, String zeroedBy) {
        Raw zeroed(String by) {
            return new Raw(source, channels, unit, by);
        }

        Raw withUnit(long u) {
            return new Raw(source, channels, u, zeroedBy);
        }
    }

    /** A layer reading activations. */
    private record Read(String node, List<Raw> segments) {
    }

    /** Where channels come from: a producer's output, a network input or the output of an opaque node. */
    private static final class Source {
        final String origin;
        final long channels;
        final boolean producer;
        final List<String> blockers = new ArrayList<>();
        final List<String> carriers = new ArrayList<>();

        Source(String origin, long channels, boolean producer) {
            this.origin = origin;
            this.channels = channels;
            this.producer = producer;
        }
    }

    private final NetworkGraph graph;
    private final List<Source> sources = new ArrayList<>();
    private final List<Integer> parent = new ArrayList<>();
    private final List<String> masksInOrder = new ArrayList<>();
    private final Map<String, Integer> maskSource = new HashMap<>();
    private final Map<String, List<Raw>> outputs = new HashMap<>();
    private final Map<String, List<List<Raw>>> inputs = new HashMap<>();
    private final List<Read> reads = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final List<UnsupportedLayer> unsupported = new ArrayList<>();

    private GroupAnalysis(NetworkGraph graph) {
        this.graph = graph;
    }

    static ChannelGroups analyse(NetworkGraph graph) {
        GroupAnalysis a = new GroupAnalysis(graph);
        for (GraphNode node : graph.nodes()) {
            a.visit(node);
        }
        for (String out : graph.outputs()) {
            a.block(a.outputs.get(out), "reaches the network output \"" + out + "\"");
        }
        return a.result();
    }

    // ---- the forward pass ----

    private void visit(GraphNode node) {
        if (node.kind() == NodeKind.INPUT) {
            int s = newSource(node.name(), elements(node.outputType()), false);
            sources.get(s).blockers.add("is the network input \"" + node.name() + "\"");
            outputs.put(node.name(), List.of(new Raw(s, elements(node.outputType()), 1, null)));
            return;
        }
        List<List<Raw>> ins = new ArrayList<>();
        for (String in : node.inputs()) {
            ins.add(outputs.get(in));
        }
        if (node.layer() != null || node.kind() == NodeKind.PREPROCESSOR) {
            ins = List.of(preprocess(node, ins.get(0)));
        }
        inputs.put(node.name(), ins);
        List<Raw> out = transfer(node, ins);
        if (size(out) != elements(node.outputType())) {
            block(out, "has an activation size the analysis cannot follow through " + node.describe());
            out = opaque(node, "output of " + node.describe());
        }
        if (node.kind().role() == NodeKind.Role.CARRIER) {
            for (Raw r : out) {
                List<String> c = sources.get(r.source()).carriers;
                if (!c.contains(node.name())) {
                    c.add(node.name());
                }
            }
        }
        outputs.put(node.name(), out);
    }

    private List<Raw> preprocess(GraphNode node, List<Raw> in) {
        InputPreProcessor pp = node.preProcessor();
        if (pp == null) {
            return in;
        }
        InputType before = node.inputTypes().get(0);
        if (pp instanceof CnnToFeedForwardPreProcessor c && c.getFormat() == CNN2DFormat.NCHW
                && before instanceof InputType.InputTypeConvolutional cnn) {
            long hw = cnn.getHeight() * cnn.getWidth();
            List<Raw> out = new ArrayList<>();
            for (Raw r : in) {
                out.add(r.withUnit(r.unit() * hw));
            }
            return out;
        }
        block(in, "is reshaped by " + pp.getClass().getSimpleName() + " before " + node.describe());
        InputType after = node.layerInputType() != null ? node.layerInputType() : node.outputType();
        int s = newSource(node.name() + "/" + pp.getClass().getSimpleName(), elements(after), false);
        sources.get(s).blockers.add("is the output of " + pp.getClass().getSimpleName() + " before " + node.describe());
        return List.of(new Raw(s, elements(after), 1, null));
    }

    private List<Raw> transfer(GraphNode node, List<List<Raw>> ins) {
        List<Raw> in = ins.isEmpty() ? List.of() : ins.get(0);
        switch (node.kind()) {
            case CONVOLUTION:
            case SEPARABLE:
            case DENSE:
            case MASKED_CONVOLUTION: {
                reads.add(new Read(node.name(), in));
                long c = elements(node.outputType());
                int s = newSource(node.name(), c, true);
                String zeroedBy = null;
                if (node.kind() == NodeKind.MASKED_CONVOLUTION) {
                    registerMask(node.name(), s);
                    zeroedBy = node.name();
                }
                return List.of(new Raw(s, c, 1, zeroedBy));
            }
            case OUTPUT:
                reads.add(new Read(node.name(), in));
                return opaque(node, "output of the output layer " + node.describe());
            case LOSS:
                block(in, "reaches the network output through " + node.describe());
                return in;
            case UNSUPPORTED: {
                unsupported.add(new UnsupportedLayer(node.name(), node.typeName(), node.unsupportedReason()));
                for (List<Raw> i : ins) {
                    block(i, "is read by " + node.describe() + ", which is not supported: " + node.unsupportedReason());
                }
                return opaque(node, "output of the unsupported " + node.describe());
            }
            case DEPTHWISE: {
                ConvolutionLayer dw = (ConvolutionLayer) node.layer();
                boolean keeps = !dw.hasBias() && ZeroPreservation.mapsZeroToZero(dw.getActivationFn());
                return keeps ? in : unzero(node, in, "adds a bias or applies an activation with f(0) != 0");
            }
            case BATCH_NORM:
                return unzero(node, in, "rescales every channel back (BatchNormalization undoes a mask before it)");
            case ACTIVATION: {
                boolean keeps = ZeroPreservation.mapsZeroToZero(node.layer() instanceof BaseLayer b ? b.getActivationFn()
                        : ((org.deeplearning4j.nn.conf.layers.ActivationLayer) node.layer()).getActivationFn());
                return keeps ? in : unzero(node, in, "maps 0 to a non-zero value");
            }
            case SHIFT:
                return unzero(node, in, "adds a constant");
            case SPATIAL:
            case GLOBAL_POOLING:
            case DROPOUT:
            case SCALE:
            case PREPROCESSOR:
                return in;
            case MASK:
                return mask(node, in);
            case MERGE: {
                List<Raw> out = new ArrayList<>();
                ins.forEach(out::addAll);
                return out;
            }
            case ELEMENTWISE:
                return elementWise(node, ins);
            default:
                throw new IllegalStateException("Unhandled node kind " + node.kind() + " at " + node.describe());
        }
    }

    private List<Raw> mask(GraphNode node, List<Raw> in) {
        if (in.size() != 1 || in.get(0).unit() != 1) {
            problems.add("The mask " + node.describe() + " spans " + (in.size() != 1 ? in.size() + " channel groups"
                    : "flattened features") + " " + describeSegments(in) + "; a mask must govern exactly one group's "
                    + "channels. Put one mask on each branch before the concatenation, or before the flattening.");
            return in;
        }
        registerMask(node.name(), in.get(0).source());
        return List.of(in.get(0).zeroed(node.name()));
    }

    private List<Raw> elementWise(GraphNode node, List<List<Raw>> ins) {
        List<Raw> first = ins.get(0);
        for (List<Raw> other : ins) {
            if (!sameStructure(first, other)) {
                for (List<Raw> i : ins) {
                    block(i, "is added by " + node.describe() + " to activations with a different channel layout");
                }
                return opaque(node, "output of " + node.describe());
            }
        }
        GraphVertex v = node.vertex() instanceof FrozenVertex fv ? fv.getUnderlying() : node.vertex();
        boolean product = v instanceof ElementWiseVertex ew && ew.getOp() == ElementWiseVertex.Op.Product;
        List<Raw> out = new ArrayList<>();
        for (int k = 0; k < first.size(); k++) {
            String zeroedBy = product ? null : first.get(k).zeroedBy();
            for (List<Raw> other : ins) {
                union(first.get(k).source(), other.get(k).source());
                String z = other.get(k).zeroedBy();
                if (product) {
                    zeroedBy = zeroedBy != null ? zeroedBy : z;
                } else if (z == null) {
                    zeroedBy = null;
                }
            }
            out.add(first.get(k).zeroed(zeroedBy));
        }
        return out;
    }

    private List<Raw> unzero(GraphNode node, List<Raw> in, String why) {
        List<Raw> out = new ArrayList<>();
        for (Raw r : in) {
            if (r.zeroedBy() != null) {
                problems.add(afterMaskProblem(r.zeroedBy(), node, why));
            }
            out.add(r.zeroed(null));
        }
        return out;
    }

    private String afterMaskProblem(String maskName, GraphNode node, String why) {
        GraphNode mask = graph.node(maskName);
        if (mask.kind() == NodeKind.MASKED_CONVOLUTION && node.kind() == NodeKind.BATCH_NORM) {
            return mask.describe() + " is followed by " + node.describe() + ", which undoes its mask. Use a plain "
                    + "ConvolutionLayer there and put a ChannelMaskLayer after the BatchNormalization (and its activation).";
        }
        return node.describe() + " follows the mask " + mask.describe() + " of the same channels and " + why
                + ", so the masked channels are no longer zero. Move the mask after " + node.describe() + ".";
    }

    private List<Raw> opaque(GraphNode node, String origin) {
        long c = elements(node.outputType());
        int s = newSource(node.name(), c, false);
        sources.get(s).blockers.add("is the " + origin);
        return List.of(new Raw(s, c, 1, null));
    }

    private void registerMask(String name, int source) {
        masksInOrder.add(name);
        maskSource.put(name, source);
    }

    private void block(List<Raw> segments, String reason) {
        for (Raw r : segments) {
            List<String> b = sources.get(r.source()).blockers;
            if (!b.contains(reason)) {
                b.add(reason);
            }
        }
    }

    private int newSource(String origin, long channels, boolean producer) {
        sources.add(new Source(origin, channels, producer));
        parent.add(parent.size());
        return sources.size() - 1;
    }

    private int find(int s) {
        while (parent.get(s) != s) {
            parent.set(s, parent.get(parent.get(s)));
            s = parent.get(s);
        }
        return s;
    }

    private void union(int a, int b) {
        int ra = find(a);
        int rb = find(b);
        if (ra != rb) {
            parent.set(Math.max(ra, rb), Math.min(ra, rb));
        }
    }

    private static boolean sameStructure(List<Raw> a, List<Raw> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i).channels() != b.get(i).channels() || a.get(i).unit() != b.get(i).unit()) {
                return false;
            }
        }
        return true;
    }

    private static long size(List<Raw> raws) {
        long n = 0;
        for (Raw r : raws) {
            n += r.channels() * r.unit();
        }
        return n;
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

    private String describeSegments(List<Raw> raws) {
        List<String> parts = new ArrayList<>();
        for (Raw r : raws) {
            parts.add(sources.get(r.source()).origin + ":" + r.channels() + (r.unit() > 1 ? "x" + r.unit() : ""));
        }
        return parts.toString();
    }

    // ---- building the result ----

    private ChannelGroups result() {
        Map<Integer, String> idOfRoot = new LinkedHashMap<>();
        Map<Integer, List<String>> masksOfRoot = new LinkedHashMap<>();
        for (String m : masksInOrder) {
            int root = find(maskSource.get(m));
            masksOfRoot.computeIfAbsent(root, k -> new ArrayList<>()).add(m);
            idOfRoot.putIfAbsent(root, m);
        }
        Set<String> usedIds = new LinkedHashSet<>(idOfRoot.values());
        for (int s = 0; s < sources.size(); s++) {
            int root = find(s);
            if (!idOfRoot.containsKey(root)) {
                String id = sources.get(root).origin;
                while (usedIds.contains(id)) {
                    id = id + "'";
                }
                usedIds.add(id);
                idOfRoot.put(root, id);
            }
        }
        Map<String, ChannelLayout> outLayouts = new LinkedHashMap<>();
        Map<String, List<ChannelLayout>> inLayouts = new LinkedHashMap<>();
        for (GraphNode n : graph.nodes()) {
            outLayouts.put(n.name(), layout(outputs.get(n.name()), idOfRoot));
            List<ChannelLayout> ins = new ArrayList<>();
            for (List<Raw> in : inputs.getOrDefault(n.name(), List.of())) {
                ins.add(layout(in, idOfRoot));
            }
            inLayouts.put(n.name(), ins);
        }
        Map<Integer, List<GroupConsumer>> consumers = new HashMap<>();
        for (Read read : reads) {
            long offset = 0;
            for (Raw r : read.segments()) {
                consumers.computeIfAbsent(find(r.source()), k -> new ArrayList<>())
                        .add(new GroupConsumer(read.node(), offset, r.unit()));
                int root = find(r.source());
                if (masksOfRoot.containsKey(root) && r.zeroedBy() == null) {
                    problems.add(graph.node(read.node()).describe() + " reads channels of group \"" + idOfRoot.get(root)
                            + "\" that none of its masks " + masksOfRoot.get(root) + " has zeroed on this path, so "
                            + "removing them would change the output. Put a mask of the group after the last "
                            + "per-channel layer before " + graph.node(read.node()).describe() + ".");
                }
                offset += r.channels() * r.unit();
            }
            separableInputProblem(read, masksOfRoot, idOfRoot);
        }
        List<ChannelGroup> groups = new ArrayList<>();
        for (Map.Entry<Integer, String> e : idOfRoot.entrySet()) {
            groups.add(group(e.getKey(), e.getValue(), masksOfRoot.getOrDefault(e.getKey(), List.of()),
                    consumers.getOrDefault(e.getKey(), List.of())));
        }
        groups.sort((a, b) -> Integer.compare(firstSourceOf(a.id(), idOfRoot), firstSourceOf(b.id(), idOfRoot)));
        return new ChannelGroups(graph, groups, inLayouts, outLayouts, problems, unsupported);
    }

    /**
     * DL4J 1.0.0-M2.1's SeparableConvolution2D fails at run time with a single input channel (the
     * sconv2d op rejects it), so a mask alone on a separable convolution's input must keep two.
     */
    private void separableInputProblem(Read read, Map<Integer, List<String>> masksOfRoot, Map<Integer, String> idOfRoot) {
        GraphNode node = graph.node(read.node());
        if (node.kind() != NodeKind.SEPARABLE || read.segments().size() != 1) {
            return;
        }
        int root = find(read.segments().get(0).source());
        List<String> masks = masksOfRoot.get(root);
        if (masks == null) {
            return;
        }
        MaskSettings ms = ((MaskableLayerConfig) graph.node(masks.get(0)).layer()).getMaskSettings();
        if (ms.getMinChannels() < 2) {
            problems.add(node.describe() + " reads only group \"" + idOfRoot.get(root) + "\", whose masks " + masks
                    + " may keep a single channel, and DL4J's SeparableConvolution2D fails with one input channel. "
                    + "Set minChannels >= 2 on those masks.");
        }
    }

    private static int firstSourceOf(String id, Map<Integer, String> idOfRoot) {
        for (Map.Entry<Integer, String> e : idOfRoot.entrySet()) {
            if (e.getValue().equals(id)) {
                return e.getKey();
            }
        }
        return Integer.MAX_VALUE;
    }

    private ChannelGroup group(int root, String id, List<String> masks, List<GroupConsumer> consumers) {
        List<String> producers = new ArrayList<>();
        Set<String> carriers = new LinkedHashSet<>();
        Set<String> blockers = new LinkedHashSet<>();
        long channels = sources.get(root).channels;
        for (int s = 0; s < sources.size(); s++) {
            if (find(s) != root) {
                continue;
            }
            Source src = sources.get(s);
            if (src.producer) {
                producers.add(src.origin);
            }
            carriers.addAll(src.carriers);
            blockers.addAll(src.blockers);
        }
        int minChannels = 1;
        int multiple = 1;
        MaskSettings first = null;
        for (String m : masks) {
            MaskSettings ms = ((MaskableLayerConfig) graph.node(m).layer()).getMaskSettings();
            if (first == null) {
                first = ms;
                minChannels = ms.getMinChannels();
                multiple = ms.getChannelMultiple();
            } else if (ms.getMinChannels() != minChannels || ms.getChannelMultiple() != multiple) {
                problems.add("The tied masks \"" + masks.get(0) + "\" and \"" + m + "\" of group \"" + id
                        + "\" have different minChannels/channelMultiple (" + minChannels + "/" + multiple + " vs "
                        + ms.getMinChannels() + "/" + ms.getChannelMultiple() + "); give them the same settings.");
            }
        }
        if (!masks.isEmpty() && !blockers.isEmpty()) {
            problems.add("The masks " + masks + " govern channels of group \"" + id + "\" that cannot be pruned: they "
                    + String.join("; ", blockers) + ". Remove these masks or change the network there.");
        }
        return new ChannelGroup(id, channels, producers, new ArrayList<>(carriers), consumers, masks, minChannels,
                multiple, new ArrayList<>(blockers));
    }

    private ChannelLayout layout(List<Raw> raws, Map<Integer, String> idOfRoot) {
        List<Segment> segs = new ArrayList<>();
        for (Raw r : raws) {
            segs.add(new Segment(idOfRoot.get(find(r.source())), r.channels(), r.unit()));
        }
        return new ChannelLayout(segs);
    }

}

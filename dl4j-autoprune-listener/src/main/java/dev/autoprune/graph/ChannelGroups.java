package dev.autoprune.graph;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The channel-coupling analysis of a network: its {@link ChannelGroup}s, the channel layout of every
 * activation, the layers it cannot handle, and every mask-placement problem. It is the single source
 * of truth that the FLOPs model, the listener and channel removal all use.
 *
 * <p>Groups follow METHOD.md ("Channel groups"): a convolution's output channels together with what
 * carries them (BatchNormalization, activation, pooling, dropout, global pooling, masks), the input
 * channels of the layers that read them (the next convolution; a dense layer after flattening, where
 * DL4J's [c, h, w] order makes each channel a block of H*W input rows, NHWC's [h, w, c] order repeats
 * the channels at every position; concatenations offset them),
 * and element-wise vertices (residual adds) coupling the groups they add into one, whose masks are
 * tied. The idea is Torch-Pruning's dependency graph (G. Fang et al., "DepGraph: Towards Any
 * Structural Pruning", CVPR 2023) applied to the channel masks of B. Li et al., "AutoPruning for Deep
 * Neural Network with Dynamic Channel Masking", arXiv:2010.12021 (2020).
 *
 * <p>For an unmasked network {@link #placements()} says where the masks belong. For a masked one,
 * {@link #validate()} checks that every mask sits after the last per-channel operation of its channels,
 * so that removing the masked-out channels is exact.
 *
 * <p>Immutable. DL4J does not keep the network input type in a built configuration; the factories
 * without an {@code InputType} infer it from a {@code FeedForwardToCnnPreProcessor} (i.e.
 * {@code InputType.convolutionalFlat}) or a dense first layer, or for a network from the rank-4 input
 * array it currently holds (as during {@code fit}), and otherwise ask for it.
 */
public final class ChannelGroups {

    private final NetworkGraph graph;
    private final List<ChannelGroup> groups;
    private final Map<String, ChannelGroup> byId;
    private final Map<String, ChannelGroup> byMask;
    private final Map<String, List<ChannelLayout>> inputLayouts;
    private final Map<String, ChannelLayout> outputLayouts;
    private final List<String> problems;
    private final List<UnsupportedLayer> unsupported;
    private final List<MaskPlacement> placements;

    ChannelGroups(NetworkGraph graph, List<ChannelGroup> groups, Map<String, List<ChannelLayout>> inputLayouts,
                  Map<String, ChannelLayout> outputLayouts, List<String> problems, List<UnsupportedLayer> unsupported) {
        this.graph = graph;
        this.groups = List.copyOf(groups);
        Map<String, ChannelGroup> ids = new LinkedHashMap<>();
        Map<String, ChannelGroup> masks = new LinkedHashMap<>();
        for (ChannelGroup g : groups) {
            ids.put(g.id(), g);
            for (String m : g.maskNames()) {
                masks.put(m, g);
            }
        }
        this.byId = Collections.unmodifiableMap(ids);
        this.byMask = Collections.unmodifiableMap(masks);
        Map<String, List<ChannelLayout>> ins = new LinkedHashMap<>();
        inputLayouts.forEach((k, v) -> ins.put(k, List.copyOf(v)));
        this.inputLayouts = Collections.unmodifiableMap(ins);
        this.outputLayouts = Collections.unmodifiableMap(new LinkedHashMap<>(outputLayouts));
        this.problems = List.copyOf(new java.util.LinkedHashSet<>(problems));
        this.unsupported = List.copyOf(unsupported);
        this.placements = PlacementFinder.find(this);
    }

    /** Analyses a graph. */
    public static ChannelGroups of(NetworkGraph graph) {
        return GroupAnalysis.analyse(Objects.requireNonNull(graph, "graph"));
    }

    /** Analyses a MultiLayerNetwork configuration with the given network input type. */
    public static ChannelGroups of(MultiLayerConfiguration conf, InputType input) {
        return of(NetworkGraph.of(conf, input));
    }

    /** Analyses a MultiLayerNetwork configuration, inferring its input type (see the class comment). */
    public static ChannelGroups of(MultiLayerConfiguration conf) {
        return of(conf, InputTypeInference.infer(conf));
    }

    /** Analyses a ComputationGraph configuration with the given network input types. */
    public static ChannelGroups of(ComputationGraphConfiguration conf, InputType... inputs) {
        return of(NetworkGraph.of(conf, inputs));
    }

    /** Analyses a ComputationGraph configuration, inferring its input types (see the class comment). */
    public static ChannelGroups of(ComputationGraphConfiguration conf) {
        return of(conf, InputTypeInference.infer(conf));
    }

    /** Analyses a network's configuration, inferring its input type. */
    public static ChannelGroups of(MultiLayerNetwork net) {
        return of(net.getLayerWiseConfigurations(), InputTypeInference.infer(net));
    }

    /** Analyses a network's configuration with the given input type. */
    public static ChannelGroups of(MultiLayerNetwork net, InputType input) {
        return of(net.getLayerWiseConfigurations(), input);
    }

    /** Analyses a graph's configuration, inferring its input types. */
    public static ChannelGroups of(ComputationGraph net) {
        return of(net.getConfiguration(), InputTypeInference.infer(net));
    }

    /** Analyses a graph's configuration with the given input types. */
    public static ChannelGroups of(ComputationGraph net, InputType... inputs) {
        return of(net.getConfiguration(), inputs);
    }

    /** The analysed graph. */
    public NetworkGraph graph() {
        return graph;
    }

    /** Every group, including fixed ones (network inputs, outputs) and unmasked ones, in topological order. */
    public List<ChannelGroup> groups() {
        return groups;
    }

    /** The groups governed by at least one mask, in topological order. */
    public List<ChannelGroup> masked() {
        List<ChannelGroup> out = new ArrayList<>();
        for (ChannelGroup g : groups) {
            if (g.isMasked()) {
                out.add(g);
            }
        }
        return out;
    }

    /** The group with this id. */
    public ChannelGroup group(String id) {
        ChannelGroup g = byId.get(id);
        if (g == null) {
            throw new IllegalArgumentException("No channel group with id \"" + id + "\"; known: " + byId.keySet());
        }
        return g;
    }

    /** Whether a group has this id. */
    public boolean hasGroup(String id) {
        return byId.containsKey(id);
    }

    /** The group a mask layer governs. */
    public ChannelGroup groupOfMask(String maskName) {
        ChannelGroup g = byMask.get(maskName);
        if (g == null) {
            throw new IllegalArgumentException("\"" + maskName + "\" is not a mask layer of this network; masks: "
                    + byMask.keySet());
        }
        return g;
    }

    /** The channel layout of each input of a node (after a layer's preprocessor); empty for network inputs. */
    public List<ChannelLayout> inputLayouts(String nodeName) {
        graph.node(nodeName);
        return inputLayouts.get(nodeName);
    }

    /** The channel layout of a node's output. */
    public ChannelLayout outputLayout(String nodeName) {
        graph.node(nodeName);
        return outputLayouts.get(nodeName);
    }

    /** The layers and vertices the analysis has no rule for (their channels are not prunable). */
    public List<UnsupportedLayer> unsupported() {
        return unsupported;
    }

    /** Every mask-placement problem found, each naming the layer and the fix; empty for a valid network. */
    public List<String> problems() {
        return problems;
    }

    /**
     * Checks that every mask can be honoured exactly: it governs one prunable group, no
     * BatchNormalization or non-zero-preserving operation follows it (e.g. a MaskedConvolutionLayer
     * followed by BatchNormalization), every layer that reads masked channels reads them after a mask,
     * and tied masks share their settings.
     *
     * @return this, for chaining
     * @throws IllegalStateException listing every problem, each naming the layer
     */
    public ChannelGroups validate() {
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Invalid channel masks:\n  - " + String.join("\n  - ", problems));
        }
        return this;
    }

    /** For an unmasked network: where a mask should go for each prunable group (see {@link MaskPlacement}). */
    public List<MaskPlacement> placements() {
        return placements;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("ChannelGroups:\n");
        for (ChannelGroup g : groups) {
            sb.append("  ").append(g).append('\n');
        }
        return sb.toString();
    }
}

package dev.autoprune.flops;

import dev.autoprune.graph.ChannelGroup;
import dev.autoprune.graph.ChannelGroups;
import dev.autoprune.graph.GraphNode;
import dev.autoprune.graph.NodeKind;
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

/**
 * Counts multiply-accumulates (MACs), FLOPs and parameters of every layer of a network from its
 * configuration and input types, at full width and as exact polynomials in the remaining ratios of
 * the channel groups (METHOD.md, "FLOPs model"; B. Li et al., "AutoPruning for Deep Neural Network
 * with Dynamic Channel Masking", arXiv:2010.12021, 2020).
 *
 * <p><b>What is counted.</b> FLOPs are {@code 2 * MACs}, with MACs per example:
 * <ul>
 *   <li>convolution (plain or masked): {@code Kh*Kw*Cin*Cout*Hout*Wout};</li>
 *   <li>depthwise convolution (multiplier 1): {@code Kh*Kw*C*Hout*Wout};</li>
 *   <li>separable convolution (multiplier m): {@code Kh*Kw*m*Cin*Hout*Wout + m*Cin*Cout*Hout*Wout};</li>
 *   <li>dense and output layers: {@code nIn*nOut} (after flattening {@code nIn = C*H*W});</li>
 *   <li>BatchNormalization: one MAC per element ({@code C*H*W}), its inference form folded to one
 *       scale-and-shift.</li>
 * </ul>
 * Not counted (no multiplications, or folded): bias additions (folded into the accumulation),
 * activations, pooling, global pooling, dropout, element-wise and merge vertices, and channel masks
 * (they disappear when channels are removed). Layers without a rule (unsupported types such as
 * recurrent layers) count 0 MACs and are flagged {@link LayerCost#counted()} false.
 *
 * <p><b>Parameters</b> are those of the plain network: weights and biases of the layers above,
 * BatchNormalization's gamma, beta, mean and variance (mean and variance only with locked
 * gamma/beta), DL4J's own count for other layers, and never the mask parameters.
 *
 * <p>Each node's terms come from its layer rule ({@link dev.autoprune.rules.LayerRule#cost}); the list
 * above is what the built-in rules state.
 *
 * <p><b>Under ratios</b> a group with ratio {@code r} contributes {@code r*C} channels wherever its
 * channels appear ({@code Cout} of its producers, {@code Cin} of its readers, {@code r*C*H*W} inputs of
 * a dense layer after flattening, a share of a concatenation). A missing group has ratio 1. Costs are
 * therefore polynomials of degree at most 2 in the ratios and their gradients are exact. With
 * {@code r = kept / C} they give the exact cost of the network with the kept channels.
 *
 * <p>Immutable.
 */
public final class FlopsCounter {

    private final ChannelGroups groups;
    private final List<LayerCost> layers;
    private final Map<String, LayerCost> byName;

    private FlopsCounter(ChannelGroups groups, List<LayerCost> layers) {
        this.groups = groups;
        this.layers = List.copyOf(layers);
        Map<String, LayerCost> m = new LinkedHashMap<>();
        for (LayerCost c : layers) {
            m.put(c.name(), c);
        }
        this.byName = Collections.unmodifiableMap(m);
    }

    /** Counts the network the analysis describes. */
    public static FlopsCounter of(ChannelGroups groups) {
        List<LayerCost> costs = new ArrayList<>();
        for (GraphNode node : groups.graph().nodes()) {
            if (node.kind() != NodeKind.INPUT) {
                costs.add(cost(groups, node));
            }
        }
        return new FlopsCounter(groups, costs);
    }

    /** Counts a MultiLayerNetwork configuration with the given input type. */
    public static FlopsCounter of(MultiLayerConfiguration conf, InputType input) {
        return of(ChannelGroups.of(conf, input));
    }

    /** Counts a ComputationGraph configuration with the given input types. */
    public static FlopsCounter of(ComputationGraphConfiguration conf, InputType... inputs) {
        return of(ChannelGroups.of(conf, inputs));
    }

    /** Counts a network, inferring its input type (see {@link ChannelGroups}). */
    public static FlopsCounter of(MultiLayerNetwork net) {
        return of(ChannelGroups.of(net));
    }

    /** Counts a graph, inferring its input types (see {@link ChannelGroups}). */
    public static FlopsCounter of(ComputationGraph net) {
        return of(ChannelGroups.of(net));
    }

    private static LayerCost cost(ChannelGroups groups, GraphNode node) {
        String name = node.name();
        LinearForm out = LinearForm.of(groups.outputLayout(name), g -> true);
        LinearForm in = groups.inputLayouts(name).isEmpty() ? LinearForm.ONE
                : LinearForm.of(groups.inputLayouts(name).get(0), g -> true);
        CostTerms t = node.rule().cost(new CostContext(node, in, out, spatial(node.outputType())));
        return new LayerCost(name, node.typeName(), node.kind(), t.macs(), t.params(), t.counted(), in, out);
    }

    private static double spatial(InputType t) {
        if (t instanceof InputType.InputTypeConvolutional c) {
            return (double) c.getHeight() * c.getWidth();
        }
        return 1;
    }

    /** The analysis the counts were made from. */
    public ChannelGroups groups() {
        return groups;
    }

    /** The cost of every layer and vertex, in topological order. */
    public List<LayerCost> layers() {
        return layers;
    }

    /** The cost of one layer or vertex. */
    public LayerCost layer(String name) {
        LayerCost c = byName.get(name);
        if (c == null) {
            throw new IllegalArgumentException("No layer or vertex named \"" + name + "\"; known: " + byName.keySet());
        }
        return c;
    }

    /** Total MACs at full width. */
    public long totalMacs() {
        long n = 0;
        for (LayerCost c : layers) {
            n += c.macs();
        }
        return n;
    }

    /** Total FLOPs ({@code 2 * MACs}) at full width. */
    public long totalFlops() {
        return 2 * totalMacs();
    }

    /** Total parameters at full width (without mask parameters). */
    public long totalParams() {
        long n = 0;
        for (LayerCost c : layers) {
            n += c.params();
        }
        return n;
    }

    /** Total FLOPs with the given remaining ratio per group id (missing: 1). */
    public double flops(Map<String, Double> ratios) {
        double n = 0;
        for (LayerCost c : layers) {
            n += c.flops(ratios);
        }
        return n;
    }

    /** Total parameters with the given remaining ratio per group id (missing: 1). */
    public double params(Map<String, Double> ratios) {
        double n = 0;
        for (LayerCost c : layers) {
            n += c.params(ratios);
        }
        return n;
    }

    /** d(total FLOPs)/dr_g for every group the FLOPs depend on. */
    public Map<String, Double> flopsGradient(Map<String, Double> ratios) {
        Map<String, Double> grad = new LinkedHashMap<>();
        for (LayerCost c : layers) {
            c.flopsGradient(ratios).forEach((g, v) -> grad.merge(g, v, Double::sum));
        }
        return grad;
    }

    /** d(total parameters)/dr_g for every group the parameters depend on. */
    public Map<String, Double> paramsGradient(Map<String, Double> ratios) {
        Map<String, Double> grad = new LinkedHashMap<>();
        for (LayerCost c : layers) {
            c.paramsGradient(ratios).forEach((g, v) -> grad.merge(g, v, Double::sum));
        }
        return grad;
    }

    /** The exact ratios {@code kept / C} for integer kept channel counts per group id. */
    public Map<String, Double> ratiosOf(Map<String, Integer> keptByGroup) {
        Map<String, Double> r = new LinkedHashMap<>();
        keptByGroup.forEach((id, kept) -> {
            ChannelGroup g = groups.group(id);
            if (kept == null || kept < 0 || kept > g.channels()) {
                throw new IllegalArgumentException("Kept channels of group \"" + id + "\" must be in [0, "
                        + g.channels() + "], found " + kept);
            }
            r.put(id, kept / (double) g.channels());
        });
        return r;
    }

    /** Total FLOPs of the network with exactly these many channels kept per group id (missing: all). */
    public long hardFlops(Map<String, Integer> keptByGroup) {
        return Math.round(flops(ratiosOf(keptByGroup)));
    }

    /** Total parameters of the network with exactly these many channels kept per group id (missing: all). */
    public long hardParams(Map<String, Integer> keptByGroup) {
        return Math.round(params(ratiosOf(keptByGroup)));
    }
}

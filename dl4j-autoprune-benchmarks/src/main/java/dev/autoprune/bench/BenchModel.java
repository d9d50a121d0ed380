package dev.autoprune.bench;

import dev.autoprune.AutoPrune;
import dev.autoprune.ChannelPruner;
import dev.autoprune.PrunableOptions;
import dev.autoprune.cost.LatencyModel;
import dev.autoprune.flops.FlopsCounter;
import dev.autoprune.graph.ChannelGroups;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

import java.util.Map;
import java.util.Objects;

/**
 * A benchmark network, a {@link MultiLayerNetwork} or a {@link ComputationGraph}, behind the few
 * operations the quality and latency benchmarks and the pruning baselines need: train, test, count, copy,
 * make prunable, compact, measure a latency model and time it. One flow then serves both kinds; the
 * operations that build a network return a new {@code BenchModel} and never modify this one's weights.
 * A graph whose configuration does not record its input type carries it here, because DL4J forgets it
 * once the graph is built.
 */
public final class BenchModel {

    private final MultiLayerNetwork multiLayer;
    private final ComputationGraph graph;
    /** The graph's input type when its configuration does not record one; null otherwise. */
    private final InputType input;

    private BenchModel(MultiLayerNetwork multiLayer, ComputationGraph graph, InputType input) {
        this.multiLayer = multiLayer;
        this.graph = graph;
        this.input = input;
    }

    /** Wraps an initialised MultiLayerNetwork. */
    public static BenchModel of(MultiLayerNetwork net) {
        return new BenchModel(Objects.requireNonNull(net, "net"), null, null);
    }

    /** Wraps an initialised ComputationGraph (one input, one output) whose configuration records its input type. */
    public static BenchModel of(ComputationGraph net) {
        return new BenchModel(null, Objects.requireNonNull(net, "net"), null);
    }

    /** A new, initialised network built from this configuration (its input type set in the configuration). */
    public static BenchModel of(MultiLayerConfiguration conf) {
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return of(net);
    }

    /** A new, initialised graph built from this configuration, with its single input type. */
    public static BenchModel of(ComputationGraphConfiguration conf, InputType input) {
        if (conf.getNetworkInputs().size() != 1 || conf.getNetworkOutputs().size() != 1) {
            throw new IllegalArgumentException("BenchModel: a benchmark graph needs one input and one output, found "
                    + conf.getNetworkInputs() + " -> " + conf.getNetworkOutputs());
        }
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        return new BenchModel(null, net, Objects.requireNonNull(input, "input"));
    }

    /** Another graph of the same lineage (keeps the input type). */
    private BenchModel sibling(ComputationGraph net) {
        return new BenchModel(null, net, input);
    }

    /** The wrapped network. */
    public Model model() {
        return multiLayer != null ? multiLayer : graph;
    }

    /**
     * The wrapped MultiLayerNetwork.
     *
     * @throws IllegalStateException when it is a ComputationGraph
     */
    public MultiLayerNetwork multiLayer() {
        if (multiLayer == null) {
            throw new IllegalStateException("This benchmark network is a ComputationGraph, not a MultiLayerNetwork; "
                    + "use model()");
        }
        return multiLayer;
    }

    /** Whether the wrapped network is a ComputationGraph. */
    public boolean isGraph() {
        return graph != null;
    }

    /** One epoch over the iterator (reset first). */
    public void fit(DataSetIterator data) {
        fit(data, 1);
    }

    /** Trains {@code epochs} passes over {@code data}, resetting it before each. */
    public void fit(DataSetIterator data, int epochs) {
        for (int e = 0; e < epochs; e++) {
            data.reset();
            if (multiLayer != null) {
                multiLayer.fit(data);
            } else {
                graph.fit(data);
            }
        }
    }

    /** Classification accuracy on {@code data} (reset first). */
    public double accuracy(DataSetIterator data) {
        data.reset();
        return multiLayer != null ? multiLayer.evaluate(data).accuracy() : graph.evaluate(data).accuracy();
    }

    /** Forward FLOPs at batch 1, as {@link FlopsCounter} counts them. */
    public long flops() {
        if (multiLayer != null) {
            return FlopsCounter.of(multiLayer).totalFlops();
        }
        return (input == null ? FlopsCounter.of(graph) : FlopsCounter.of(graph.getConfiguration(), input)).totalFlops();
    }

    /** The parameter count. */
    public long params() {
        return multiLayer != null ? multiLayer.numParams() : graph.numParams();
    }

    /** The channel analysis of the network. */
    public ChannelGroups groups() {
        return multiLayer != null ? ChannelGroups.of(multiLayer) : ChannelGroups.of(graph);
    }

    /** The layer with this name (a mask layer, a convolution...). */
    public Layer layer(String name) {
        return multiLayer != null ? multiLayer.getLayer(name) : graph.getLayer(name);
    }

    /** Adds training listeners. */
    public void addListeners(TrainingListener... listeners) {
        if (multiLayer != null) {
            multiLayer.addListeners(listeners);
        } else {
            graph.addListeners(listeners);
        }
    }

    /** Same architecture and weights with a fresh updater (Adam state zero). */
    public BenchModel freshCopy() {
        if (multiLayer != null) {
            MultiLayerNetwork copy = new MultiLayerNetwork(multiLayer.getLayerWiseConfigurations().clone());
            copy.init(multiLayer.params().dup(), false);
            return of(copy);
        }
        ComputationGraph copy = new ComputationGraph(graph.getConfiguration().clone());
        copy.init(graph.params().dup(), false);
        return sibling(copy);
    }

    /** Same architecture and weights with a copy of the updater state (Adam's moments and step count kept). */
    public BenchModel continuedCopy() {
        return multiLayer != null ? of(multiLayer.clone()) : sibling(graph.clone());
    }

    /** Same architecture, newly initialised weights (from the configuration's seed). */
    public BenchModel untrainedCopy() {
        if (multiLayer != null) {
            MultiLayerNetwork copy = new MultiLayerNetwork(multiLayer.getLayerWiseConfigurations().clone());
            copy.init();
            return of(copy);
        }
        ComputationGraph copy = new ComputationGraph(graph.getConfiguration().clone());
        copy.init();
        return sibling(copy);
    }

    /** {@link AutoPrune#prunable} of this network: a masked copy with every weight kept. */
    public BenchModel prunable() {
        if (multiLayer != null) {
            return of(AutoPrune.prunable(multiLayer));
        }
        return sibling(input == null ? AutoPrune.prunable(graph)
                : AutoPrune.prunable(graph, PrunableOptions.builder().inputTypes(input).build()));
    }

    /** {@link ChannelPruner#compact} of this (masked) network: a plain copy without the masked-out channels. */
    public BenchModel compact() {
        return multiLayer != null ? of(ChannelPruner.compact(multiLayer)) : sibling(ChannelPruner.compact(graph));
    }

    /** Measures (or reads from the builder's cache) the latency model of this prunable network. */
    public LatencyModel latency(LatencyModel.Builder builder) {
        return multiLayer != null ? builder.measure(multiLayer) : builder.measure(graph);
    }

    /** Median microseconds of each layer (graph: each vertex) on real activations. */
    public Map<String, Double> layerMicros(NetworkLatency timer, INDArray x) {
        return multiLayer != null ? timer.layerMicros(multiLayer, x) : timer.layerMicros(graph, x);
    }

    /** Median microseconds of {@code output(x)}. */
    public double wholeMicros(NetworkLatency timer, INDArray x) {
        return multiLayer != null ? timer.wholeMicros(multiLayer, x) : timer.wholeMicros(graph, x);
    }

    @Override
    public String toString() {
        return (multiLayer != null ? "MultiLayerNetwork" : "ComputationGraph") + " with " + params() + " parameters";
    }
}

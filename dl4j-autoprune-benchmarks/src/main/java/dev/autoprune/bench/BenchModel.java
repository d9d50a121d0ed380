package dev.autoprune.bench;

import dev.autoprune.AutoPrune;
import dev.autoprune.ChannelPruner;
import dev.autoprune.PrunableOptions;
import dev.autoprune.cost.LatencyModel;
import dev.autoprune.graph.ChannelGroups;
import dev.autoprune.flops.FlopsCounter;
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
 * The seam that lets a benchmark treat a {@link MultiLayerNetwork} and a single-input, single-output
 * {@link ComputationGraph} alike: train, evaluate, make prunable, compact, count FLOPs, measure a latency
 * model and time it. A graph carries its input type, because DL4J forgets it once the graph is built.
 * Wraps the network it is given (not a copy).
 */
final class BenchModel {

    private final MultiLayerNetwork mln;
    private final ComputationGraph graph;
    private final InputType input;

    private BenchModel(MultiLayerNetwork mln, ComputationGraph graph, InputType input) {
        this.mln = mln;
        this.graph = graph;
        this.input = input;
    }

    /** A new, initialised network built from this configuration (its input type set in the configuration). */
    static BenchModel of(MultiLayerConfiguration conf) {
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return new BenchModel(net, null, null);
    }

    /** A new, initialised graph built from this configuration, with its single input type. */
    static BenchModel of(ComputationGraphConfiguration conf, InputType input) {
        if (conf.getNetworkInputs().size() != 1 || conf.getNetworkOutputs().size() != 1) {
            throw new IllegalArgumentException("BenchModel: a benchmark graph needs one input and one output, found "
                    + conf.getNetworkInputs() + " -> " + conf.getNetworkOutputs());
        }
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        return new BenchModel(null, net, Objects.requireNonNull(input, "input"));
    }

    private BenchModel wrap(MultiLayerNetwork net) {
        return new BenchModel(net, null, null);
    }

    private BenchModel wrap(ComputationGraph net) {
        return new BenchModel(null, net, input);
    }

    /** The wrapped network. */
    Model model() {
        return mln != null ? mln : graph;
    }

    /** Whether it is a ComputationGraph. */
    boolean isGraph() {
        return graph != null;
    }

    /** One epoch over the iterator (reset first). */
    void fit(DataSetIterator data) {
        data.reset();
        if (mln != null) {
            mln.fit(data);
        } else {
            graph.fit(data);
        }
    }

    /** Test accuracy over the iterator (reset first). */
    double accuracy(DataSetIterator data) {
        data.reset();
        return mln != null ? mln.evaluate(data).accuracy() : graph.evaluate(data).accuracy();
    }

    /** A prunable copy with every weight kept ({@code AutoPrune.prunable}). */
    BenchModel prunable() {
        return mln != null ? wrap(AutoPrune.prunable(mln))
                : wrap(AutoPrune.prunable(graph, PrunableOptions.builder().inputTypes(input).build()));
    }

    /** The plain compacted network of a prunable one ({@code ChannelPruner.compact}). */
    BenchModel compact() {
        return mln != null ? wrap(ChannelPruner.compact(mln)) : wrap(ChannelPruner.compact(graph));
    }

    /** The channel groups of a prunable network. */
    ChannelGroups groups() {
        return mln != null ? ChannelGroups.of(mln) : ChannelGroups.of(graph);
    }

    /** A layer by name (masks included). */
    Layer layer(String name) {
        return mln != null ? mln.getLayer(name) : graph.getLayer(name);
    }

    /** Adds training listeners. */
    void addListeners(TrainingListener... listeners) {
        if (mln != null) {
            mln.addListeners(listeners);
        } else {
            graph.addListeners(listeners);
        }
    }

    /** FLOPs per example of a plain (e.g. compacted) or prunable network. */
    long flops() {
        if (mln != null) {
            return FlopsCounter.of(mln).totalFlops();
        }
        return FlopsCounter.of(graph.getConfiguration(), input).totalFlops();
    }

    /** Measures (or reads from the builder's cache) the latency model of this prunable network. */
    LatencyModel latency(LatencyModel.Builder builder) {
        return mln != null ? builder.measure(mln) : builder.measure(graph);
    }

    /** Median microseconds of each layer (graph: each vertex) on real activations. */
    Map<String, Double> layerMicros(NetworkLatency timer, INDArray x) {
        return mln != null ? timer.layerMicros(mln, x) : timer.layerMicros(graph, x);
    }

    /** Median microseconds of {@code output(x)}. */
    double wholeMicros(NetworkLatency timer, INDArray x) {
        return mln != null ? timer.wholeMicros(mln, x) : timer.wholeMicros(graph, x);
    }
}

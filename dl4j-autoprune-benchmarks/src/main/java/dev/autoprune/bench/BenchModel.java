package dev.autoprune.bench;

import dev.autoprune.AutoPrune;
import dev.autoprune.ChannelPruner;
import dev.autoprune.flops.FlopsCounter;
import dev.autoprune.graph.ChannelGroups;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * A benchmark network, a {@link MultiLayerNetwork} or a {@link ComputationGraph}, behind the few
 * operations the quality benchmark and its pruning baselines need: train, test, count, copy, make
 * prunable and compact. One flow then serves both kinds; the operations that build a network return a
 * new {@code BenchModel} and never modify this one's weights.
 */
public final class BenchModel {

    private final MultiLayerNetwork multiLayer;
    private final ComputationGraph graph;

    private BenchModel(MultiLayerNetwork multiLayer, ComputationGraph graph) {
        this.multiLayer = multiLayer;
        this.graph = graph;
    }

    /** Wraps an initialised MultiLayerNetwork. */
    public static BenchModel of(MultiLayerNetwork net) {
        return new BenchModel(java.util.Objects.requireNonNull(net, "net"), null);
    }

    /** Wraps an initialised ComputationGraph (one input, one output). */
    public static BenchModel of(ComputationGraph net) {
        return new BenchModel(null, java.util.Objects.requireNonNull(net, "net"));
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
        return (multiLayer != null ? FlopsCounter.of(multiLayer) : FlopsCounter.of(graph)).totalFlops();
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
        return of(copy);
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
        return of(copy);
    }

    /** {@link AutoPrune#prunable} of this network: a masked copy with every weight kept. */
    public BenchModel prunable() {
        return multiLayer != null ? of(AutoPrune.prunable(multiLayer)) : of(AutoPrune.prunable(graph));
    }

    /** {@link ChannelPruner#compact} of this (masked) network: a plain copy without the masked-out channels. */
    public BenchModel compact() {
        return multiLayer != null ? of(ChannelPruner.compact(multiLayer)) : of(ChannelPruner.compact(graph));
    }

    @Override
    public String toString() {
        return (multiLayer != null ? "MultiLayerNetwork" : "ComputationGraph") + " with " + params() + " parameters";
    }
}

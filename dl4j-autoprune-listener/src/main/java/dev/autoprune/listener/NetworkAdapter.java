package dev.autoprune.listener;

import dev.autoprune.graph.ChannelGroups;
import dev.autoprune.graph.InputTypes;
import dev.autoprune.layers.MaskedLayer;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleConsumer;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The few operations the listener needs from a network, for MultiLayerNetwork and ComputationGraph
 * alike: find the masked layers by name, run a forward/backward pass on a batch without updating
 * anything, read or set the reported score, and tell the input types and training counters.
 */
abstract class NetworkAdapter {

    static NetworkAdapter of(Model model) {
        if (model instanceof MultiLayerNetwork mln) {
            return new Mln(mln);
        }
        if (model instanceof ComputationGraph cg) {
            return new Graph(cg);
        }
        throw new IllegalArgumentException("AutoPruneListener supports MultiLayerNetwork and ComputationGraph, found "
                + model.getClass().getName());
    }

    private final Model model;
    private final Supplier<Layer[]> layers;
    private final IntSupplier iterationCount;
    private final IntSupplier epochCount;
    private final DoubleConsumer scoreSetter;

    /**
     * The network and the getters both network types have under the same names but on no common
     * interface of DL4J's.
     */
    private NetworkAdapter(Model model, Supplier<Layer[]> layers, IntSupplier iterationCount, IntSupplier epochCount,
                           DoubleConsumer scoreSetter) {
        this.model = model;
        this.layers = layers;
        this.iterationCount = iterationCount;
        this.epochCount = epochCount;
        this.scoreSetter = scoreSetter;
    }

    final Model model() {
        return model;
    }

    /** The masked layers by layer name, in network order. */
    final Map<String, MaskedLayer> maskedLayers() {
        Map<String, MaskedLayer> out = new LinkedHashMap<>();
        for (Layer l : layers()) {
            if (l instanceof MaskedLayer m) {
                out.put(l.conf().getLayer().getLayerName(), m);
            }
        }
        return out;
    }

    final Layer[] layers() {
        return layers.get();
    }

    /** The input types where they can be known now (recorded by the masks, configuration, current batch), else empty. */
    abstract Optional<InputType[]> knownInputTypes();

    /** Whether the network holds an input batch (a forward pass has run). */
    abstract boolean holdsInput();

    /** The channel analysis of the network with these input types. */
    abstract ChannelGroups channelGroups(InputType[] types);

    /** Iterations the network has trained so far. */
    final int iterationCount() {
        return iterationCount.getAsInt();
    }

    /** Epochs the network has trained so far. */
    final int epochCount() {
        return epochCount.getAsInt();
    }

    /** The score the network reports. */
    final double score() {
        return model().score();
    }

    /** Sets the score the network reports. */
    final void setScore(double score) {
        scoreSetter.accept(score);
    }

    /** The minibatch size of the batch currently set. */
    abstract long minibatchSize();

    /**
     * Forward and backward pass on the batch currently set; parameters are not touched. (Both network
     * types ignore the workspace manager argument and use their own.)
     */
    final void computeGradientAndScore() {
        model().computeGradientAndScore(LayerWorkspaceMgr.noWorkspaces());
    }

    /** Sets a batch for the next {@link #computeGradientAndScore()} and remembers the one it replaces. */
    abstract void useBatch(MultiDataSet batch);

    /** Puts back the batch {@link #useBatch} replaced (where the network lets us read it). */
    abstract void restoreBatch();

    private static final class Mln extends NetworkAdapter {
        private final MultiLayerNetwork net;
        private INDArray savedInput;
        private INDArray savedLabels;

        Mln(MultiLayerNetwork net) {
            super(net, net::getLayers, net::getIterationCount, net::getEpochCount, net::setScore);
            this.net = net;
        }

        @Override
        Optional<InputType[]> knownInputTypes() {
            return InputTypes.of(net);
        }

        @Override
        boolean holdsInput() {
            return net.getInput() != null;
        }

        @Override
        ChannelGroups channelGroups(InputType[] types) {
            return ChannelGroups.of(net, types[0]);
        }

        @Override
        long minibatchSize() {
            return net.getInput().size(0);
        }

        @Override
        void useBatch(MultiDataSet batch) {
            if (batch.getFeatures().length != 1 || batch.getLabels().length != 1) {
                throw new IllegalArgumentException("AutoPruneListener: a MultiLayerNetwork takes one input and one label"
                        + " array, but the validation data has " + batch.getFeatures().length + " and "
                        + batch.getLabels().length);
            }
            savedInput = net.getInput();
            savedLabels = net.getLabels();
            net.setInput(batch.getFeatures(0));
            net.setLabels(batch.getLabels(0));
        }

        @Override
        void restoreBatch() {
            net.setInput(savedInput);
            net.setLabels(savedLabels);
            savedInput = null;
            savedLabels = null;
        }
    }

    private static final class Graph extends NetworkAdapter {
        private final ComputationGraph net;
        private INDArray[] savedInputs;

        Graph(ComputationGraph net) {
            super(net, net::getLayers, net::getIterationCount, net::getEpochCount, net::setScore);
            this.net = net;
        }

        @Override
        long minibatchSize() {
            return net.getInput(0).size(0);
        }

        @Override
        Optional<InputType[]> knownInputTypes() {
            return InputTypes.of(net);
        }

        @Override
        boolean holdsInput() {
            INDArray[] in = net.getInputs();
            return in != null && in.length > 0 && in[0] != null;
        }

        @Override
        ChannelGroups channelGroups(InputType[] types) {
            return ChannelGroups.of(net, types);
        }

        @Override
        void useBatch(MultiDataSet batch) {
            savedInputs = net.getInputs();
            net.setInputs(batch.getFeatures());
            net.setLabels(batch.getLabels());
        }

        @Override
        void restoreBatch() {
            // ComputationGraph does not expose its labels; fit() sets inputs and labels again for the
            // next batch, so only the inputs are put back.
            if (savedInputs != null) {
                net.setInputs(savedInputs);
            }
            savedInputs = null;
        }
    }
}

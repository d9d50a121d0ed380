package dev.autoprune.listener;

import dev.autoprune.graph.ArrayInputTypes;
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

/**
 * The few operations the listener needs from a network, for MultiLayerNetwork and ComputationGraph
 * alike: find the masked layers by name, run a forward/backward pass on a batch without updating
 * anything, and read or set the reported score.
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

    abstract Model model();

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

    abstract Layer[] layers();

    /** The input types of the batch currently set, or null when none is set. */
    abstract InputType[] currentInputTypes();

    /** The InputType of an activation of shape [mb, C, H, W], [mb, n] or [mb, n, T]. */
    static InputType typeOf(INDArray x) {
        return switch (x.rank()) {
            case 2 -> InputType.feedForward(x.size(1));
            case 3 -> InputType.recurrent(x.size(1), x.size(2));
            case 4 -> InputType.convolutional(x.size(2), x.size(3), x.size(1));
            default -> throw new IllegalArgumentException("AutoPruneListener: cannot infer an input type from an input"
                    + " of rank " + x.rank() + "; pass inputTypes(...) to the builder");
        };
    }

    /** The score the network reports. */
    final double score() {
        return model().score();
    }

    abstract void setScore(double score);

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
            this.net = net;
        }

        @Override
        Model model() {
            return net;
        }

        @Override
        Layer[] layers() {
            return net.getLayers();
        }

        @Override
        InputType[] currentInputTypes() {
            INDArray x = net.getInput();
            return x == null ? null : new InputType[] {ArrayInputTypes.of(x, net.getLayerWiseConfigurations().getConf(0)
                    .getLayer()).orElseGet(() -> typeOf(x))};
        }


        @Override
        void setScore(double score) {
            net.setScore(score);
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
            this.net = net;
        }

        @Override
        Model model() {
            return net;
        }

        @Override
        Layer[] layers() {
            return net.getLayers();
        }


        @Override
        void setScore(double score) {
            net.setScore(score);
        }

        @Override
        long minibatchSize() {
            return net.getInput(0).size(0);
        }

        @Override
        InputType[] currentInputTypes() {
            INDArray[] in = net.getInputs();
            if (in == null || in.length == 0 || in[0] == null) {
                return null;
            }
            InputType[] out = new InputType[in.length];
            for (int i = 0; i < in.length; i++) {
                INDArray x = in[i];
                out[i] = ArrayInputTypes.of(x, net.getConfiguration(), i).orElseGet(() -> typeOf(x));
            }
            return out;
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

package dev.autoprune.examples.cli;

import dev.autoprune.ChannelPruner;
import dev.autoprune.flops.FlopsCounter;
import dev.autoprune.graph.InputTypes;
import dev.autoprune.report.PruningReport;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The operations the CLI needs on a network whichever kind it is ({@link MultiLayerNetwork} or
 * {@link ComputationGraph}), with the input-type question answered once ({@link #inputTypes}): given
 * types are used, otherwise the ones the model records or its configuration tells, and if none does
 * the user is told to pass {@code --input-shape}.
 */
public final class Networks {

    private Networks() {
    }

    /** One pass of {@code fit} over the iterator. */
    static void fit(Model net, DataSetIterator data) {
        if (net instanceof MultiLayerNetwork m) {
            m.fit(data);
        } else {
            ((ComputationGraph) net).fit(data);
        }
    }

    /** Classification accuracy on the iterator (which is reset first). */
    static double accuracy(Model net, DataSetIterator data) {
        data.reset();
        return net instanceof MultiLayerNetwork m ? m.evaluate(data).accuracy()
                : ((ComputationGraph) net).evaluate(data).accuracy();
    }

    /** Inference on a batch (single-input, single-output networks). */
    static INDArray output(Model net, INDArray x) {
        return net instanceof MultiLayerNetwork m ? m.output(x, false) : ((ComputationGraph) net).outputSingle(false, x);
    }

    /** The layers in network order. */
    static Layer[] layers(Model net) {
        return net instanceof MultiLayerNetwork m ? m.getLayers() : ((ComputationGraph) net).getLayers();
    }

    /** Output width (channels or units) of every hidden convolution and dense layer, by layer name. */
    static Map<String, Long> widths(Model net) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Layer l : layers(net)) {
            org.deeplearning4j.nn.conf.layers.Layer conf = l.conf().getLayer();
            if (conf instanceof FeedForwardLayer ff && !(conf instanceof BaseOutputLayer)) {
                out.put(conf.getLayerName(), ff.getNOut());
            }
        }
        return out;
    }

    /** Whether the network has channel masks (is prunable). */
    static boolean hasMasks(Model net) {
        for (Layer l : layers(net)) {
            if (l instanceof dev.autoprune.layers.MaskedLayer) {
                return true;
            }
        }
        return false;
    }

    /** The number of outputs of the (first) output layer, or -1 when there is none. */
    static long outputSize(Model net) {
        Layer[] ls = layers(net);
        for (int i = ls.length - 1; i >= 0; i--) {
            if (ls[i].conf().getLayer() instanceof BaseOutputLayer o) {
                return o.getNOut();
            }
        }
        return -1;
    }

    /**
     * The network's input types: the ones given with {@code --input-shape}, else the ones its masks
     * recorded or its configuration or held input tells ({@link InputTypes}).
     *
     * @throws CliException (usage) asking for {@code --input-shape} when nothing tells them
     */
    static InputType[] inputTypes(Model net, InputType[] given) {
        if (given != null) {
            return given;
        }
        Optional<InputType[]> known = net instanceof MultiLayerNetwork m ? InputTypes.of(m)
                : InputTypes.of((ComputationGraph) net);
        return known.orElseThrow(() -> CliException.usage("cannot infer the network's input type (DL4J does not "
                + "store it, and the model records none); pass --input-shape CxHxW, e.g. --input-shape 1x28x28"));
    }

    /** The FLOPs/parameter counter of a network (input types as {@link #inputTypes} finds them). */
    static FlopsCounter counter(Model net, InputType[] given) {
        InputType[] types = inputTypes(net, given);
        return net instanceof MultiLayerNetwork m ? FlopsCounter.of(m.getLayerWiseConfigurations(), types[0])
                : FlopsCounter.of(((ComputationGraph) net).getConfiguration(), types);
    }

    /** The pruning report of a network (masked: before and after; plain: at full width). */
    static PruningReport report(Model net, InputType[] given) {
        InputType[] types = inputTypes(net, given);
        return net instanceof MultiLayerNetwork m ? PruningReport.of(m, types[0])
                : PruningReport.of((ComputationGraph) net, types);
    }

    /** The compacted copy of a masked network. */
    static Model compact(Model net, InputType[] given) {
        InputType[] types = inputTypes(net, given);
        return net instanceof MultiLayerNetwork m ? ChannelPruner.compact(m, types[0])
                : ChannelPruner.compact((ComputationGraph) net, types);
    }
}

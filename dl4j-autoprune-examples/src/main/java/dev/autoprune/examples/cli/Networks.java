package dev.autoprune.examples.cli;

import dev.autoprune.ChannelPruner;
import dev.autoprune.flops.FlopsCounter;
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

/**
 * The operations the CLI needs on a network whichever kind it is ({@link MultiLayerNetwork} or
 * {@link ComputationGraph}), with the input-type question answered once: given types are used,
 * otherwise they are inferred from the configuration, and if that fails the user is told to pass
 * {@code --input-shape}.
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

    /** The FLOPs/parameter counter of a network. */
    static FlopsCounter counter(Model net, InputType[] inputs) {
        return inferring(inputs, () -> net instanceof MultiLayerNetwork m
                ? (inputs == null ? FlopsCounter.of(m) : FlopsCounter.of(m.getLayerWiseConfigurations(), inputs[0]))
                : (inputs == null ? FlopsCounter.of((ComputationGraph) net)
                : FlopsCounter.of(((ComputationGraph) net).getConfiguration(), inputs)));
    }

    /** The pruning report of a network (masked: before and after; plain: at full width). */
    static PruningReport report(Model net, InputType[] inputs) {
        return inferring(inputs, () -> net instanceof MultiLayerNetwork m
                ? (inputs == null ? PruningReport.of(m) : PruningReport.of(m, inputs[0]))
                : (inputs == null ? PruningReport.of((ComputationGraph) net)
                : PruningReport.of((ComputationGraph) net, inputs)));
    }

    /** The compacted copy of a masked network. */
    static Model compact(Model net, InputType[] inputs) {
        return inferring(inputs, () -> net instanceof MultiLayerNetwork m
                ? (inputs == null ? ChannelPruner.compact(m) : ChannelPruner.compact(m, inputs[0]))
                : (inputs == null ? ChannelPruner.compact((ComputationGraph) net)
                : ChannelPruner.compact((ComputationGraph) net, inputs)));
    }

    private static <T> T inferring(InputType[] inputs, java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (IllegalArgumentException e) {
            if (inputs == null && e.getMessage() != null && e.getMessage().contains("input type")) {
                throw CliException.usage("cannot infer the network's input type (" + ModelFile.oneLine(e)
                        + "); pass --input-shape CxHxW, e.g. --input-shape 1x28x28");
            }
            throw e;
        }
    }
}

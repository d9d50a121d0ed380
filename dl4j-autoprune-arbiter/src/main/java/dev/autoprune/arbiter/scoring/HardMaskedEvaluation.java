package dev.autoprune.arbiter.scoring;

import dev.autoprune.cost.FlopsCostModel;
import dev.autoprune.layers.MaskMode;
import dev.autoprune.layers.MaskedLayer;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Measures a pruned network: classification accuracy with its hard masks on, and the FLOPs
 * fraction those masks leave. In HARD mode {@code net.output(x)} equals the output of the network
 * with the masked-out channels removed, so this is the accuracy of the pruned model.
 */
public final class HardMaskedEvaluation {

    private HardMaskedEvaluation() {
    }

    /**
     * Measures a network whose masks are all HARD (i.e. after {@code AutoPruneListener.isDone()}).
     *
     * @param net       the trained network
     * @param data      evaluation data with one-hot labels; reset before use
     * @param inputType the network's input type, or null to read it off the first batch
     *                  ({@code [mb, C, H, W]} images) or infer it from the configuration
     * @return accuracy and hard FLOPs (no training facts)
     * @throws IllegalStateException if a mask is not HARD, naming the layer and its mode
     */
    public static PruningOutcome measure(MultiLayerNetwork net, DataSetIterator data, InputType inputType) {
        Map<String, MaskedLayer> masks = new LinkedHashMap<>();
        for (Layer l : net.getLayers()) {
            if (l instanceof MaskedLayer m) {
                MaskMode mode = m.maskConfig().getMaskSettings().getMode();
                if (mode != MaskMode.HARD) {
                    throw new IllegalStateException(m.describe() + " is in " + mode + " mode; the pruned accuracy needs "
                            + "hard masks. Train until AutoPruneListener.isDone() before scoring.");
                }
                masks.put(l.conf().getLayer().getLayerName(), m);
            }
        }
        if (masks.isEmpty()) {
            throw new IllegalStateException("The network has no channel masks; a pruning score needs a network with "
                    + "MaskedConvolutionLayer / ChannelMaskLayer layers");
        }
        InputType type = inputType != null ? inputType : imageType(data);
        FlopsCostModel flops = type != null ? FlopsCostModel.of(net, type) : FlopsCostModel.of(net);
        Map<String, Integer> kept = new LinkedHashMap<>();
        Map<String, Integer> channels = new LinkedHashMap<>();
        for (String g : flops.groupIds()) {
            String first = flops.maskNames(g).get(0);
            kept.put(g, masks.get(first).hardKeptCount());
            channels.put(g, flops.channels(g));
        }
        data.reset();
        Evaluation eval = net.evaluate(data);
        return new PruningOutcome(eval.accuracy(), flops.hardFraction(kept), flops.fullFlops(), kept, channels);
    }

    private static InputType imageType(DataSetIterator data) {
        data.reset();
        if (!data.hasNext()) {
            throw new IllegalArgumentException("The evaluation data is empty after reset()");
        }
        INDArray f = data.next().getFeatures();
        data.reset();
        if (f.rank() == 4) {
            return InputType.convolutional(f.size(2), f.size(3), f.size(1));
        }
        return null;
    }
}

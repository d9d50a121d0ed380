package dev.autoprune.compact;

import dev.autoprune.graph.ChannelGroups;
import dev.autoprune.graph.GraphNode;
import dev.autoprune.layers.MaskedConvolutionLayer;
import dev.autoprune.layers.impl.MaskParams;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The plan for removing channels, shared by the MultiLayerNetwork and ComputationGraph rewriters:
 * which input elements and output channels every node keeps, how each layer configuration and
 * preprocessor changes, and the sliced parameters. Built only from a valid analysis.
 */
final class Compaction {

    private final ChannelGroups groups;
    private final Map<String, long[]> keptIn = new HashMap<>();
    private final Map<String, long[]> keptOut = new HashMap<>();
    private final Map<String, Long> channelsBeforePreprocessor = new HashMap<>();

    private Compaction(ChannelGroups groups, KeptChannels kept) {
        this.groups = groups;
        for (GraphNode n : groups.graph().nodes()) {
            keptOut.put(n.name(), ElementIndices.kept(groups.outputLayout(n.name()), kept));
            if (!n.inputs().isEmpty()) {
                keptIn.put(n.name(), ElementIndices.kept(groups.inputLayouts(n.name()).get(0), kept));
                channelsBeforePreprocessor.put(n.name(),
                        (long) ElementIndices.kept(groups.outputLayout(n.inputs().get(0)), kept).length);
            }
        }
    }

    /**
     * Plans the removal.
     *
     * @throws IllegalArgumentException if the network has no masks
     * @throws IllegalStateException    if the masks are misplaced or a changed layer is unsupported
     */
    static Compaction plan(ChannelGroups groups, KeptChannels kept) {
        if (groups.masked().isEmpty()) {
            throw new IllegalArgumentException("The network has no channel masks (ChannelMaskLayer or "
                    + "MaskedConvolutionLayer), so there is nothing to remove. Make it prunable with AutoPrune.prunable "
                    + "and train it with AutoPruneListener first.");
        }
        groups.validate();
        Compaction c = new Compaction(groups, kept);
        for (GraphNode n : groups.graph().nodes()) {
            if (n.unsupportedReason() != null && c.changes(n)) {
                throw new IllegalStateException(n.describe() + " is not supported by channel removal ("
                        + n.unsupportedReason() + ") and its channels would change. Remove the masks feeding it.");
            }
        }
        return c;
    }

    /** The analysis. */
    ChannelGroups groups() {
        return groups;
    }

    /** Whether the node is a mask layer that disappears (MaskedConvolutionLayers stay, as plain convolutions). */
    static boolean isRemoved(GraphNode n) {
        return n.rule().removedByCompaction();
    }

    private boolean changes(GraphNode n) {
        long[] out = keptOut.get(n.name());
        boolean outChanged = !ElementIndices.isAll(out, groups.outputLayout(n.name()).size());
        boolean inChanged = keptIn.containsKey(n.name())
                && !ElementIndices.isAll(keptIn.get(n.name()), groups.inputLayouts(n.name()).get(0).size());
        return outChanged || inChanged;
    }

    /** The new (outer) layer configuration for a clone of the node's layer: resized, masks dropped, wrappers kept. */
    Layer rewriteLayer(GraphNode n, Layer outerClone) {
        Layer inner = LayerRewriter.unwrap(outerClone);
        if (inner instanceof MaskedConvolutionLayer m) {
            inner = LayerRewriter.plainConvolution(m);
        }
        if (n.rule().slicer().isPresent()) {
            LayerRewriter.resize(inner, keptIn.get(n.name()).length, keptOut.get(n.name()).length);
        }
        return LayerRewriter.rewrap(outerClone, inner);
    }

    /** The new preprocessor for a clone of the node's preprocessor. */
    InputPreProcessor rewritePreProcessor(GraphNode n, InputPreProcessor ppClone) {
        if (ppClone == null) {
            return null;
        }
        long channels = channelsBeforePreprocessor.get(n.name());
        long before = groups.outputLayout(n.inputs().get(0)).size();
        return channels == before ? ppClone : LayerRewriter.resize(ppClone, channels, n.describe());
    }

    /** The node's parameters in the narrower network (mask parameters dropped). */
    Map<String, INDArray> params(GraphNode n, Map<String, INDArray> old) {
        Map<String, INDArray> plain = new LinkedHashMap<>();
        old.forEach((k, v) -> {
            if (!(n.layer() instanceof dev.autoprune.layers.MaskableLayerConfig && MaskParams.isMaskParam(k))) {
                plain.put(k, v);
            }
        });
        Optional<LayerSlicer> slicer = n.rule().slicer();
        if (slicer.isEmpty()) {
            if (changes(n) && !plain.isEmpty()) {
                throw new IllegalStateException(n.describe() + ": no rule to remove channels from its parameters "
                        + plain.keySet());
            }
            Map<String, INDArray> copy = new LinkedHashMap<>();
            plain.forEach((k, v) -> copy.put(k, v.dup()));
            return copy;
        }
        return slicer.get().slice(plain, keptIn.get(n.name()), keptOut.get(n.name()), n.describe());
    }

    /** Copies sliced parameters into a new layer's parameter views, checking every shape. */
    static void assign(GraphNode n, Map<String, INDArray> sliced, org.deeplearning4j.nn.api.Layer target) {
        Map<String, INDArray> table = target.paramTable();
        if (!table.keySet().equals(sliced.keySet())) {
            throw new IllegalStateException(n.describe() + ": the compacted layer has parameters " + table.keySet()
                    + " but " + sliced.keySet() + " were produced");
        }
        for (Map.Entry<String, INDArray> e : table.entrySet()) {
            INDArray src = sliced.get(e.getKey());
            if (!Arrays.equals(src.shape(), e.getValue().shape())) {
                throw new IllegalStateException(n.describe() + ": parameter \"" + e.getKey() + "\" was sliced to "
                        + Arrays.toString(src.shape()) + " but the compacted layer expects "
                        + Arrays.toString(e.getValue().shape()));
            }
            e.getValue().assign(src.castTo(e.getValue().dataType()));
        }
    }
}

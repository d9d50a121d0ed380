package dev.autoprune.zoo;

import dev.autoprune.AutoPrune;
import dev.autoprune.ChannelPruner;
import dev.autoprune.PrunableOptions;
import dev.autoprune.compact.MaskedLayerLookup;
import dev.autoprune.graph.ChannelGroup;
import dev.autoprune.graph.ChannelGroups;
import dev.autoprune.graph.TestNetworks;
import dev.autoprune.layers.MaskMode;
import dev.autoprune.layers.MaskedLayer;
import dev.autoprune.report.PruningReport;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/** A MultiLayerNetwork or ComputationGraph with one input type, behind the few calls the zoo suite makes. */
public record ZooNet(Model net, InputType input) {

    public ChannelGroups groups() {
        return net instanceof MultiLayerNetwork m ? ChannelGroups.of(m, input) : ChannelGroups.of((ComputationGraph) net, input);
    }

    PruningReport report() {
        return net instanceof MultiLayerNetwork m ? PruningReport.of(m, input) : PruningReport.of((ComputationGraph) net, input);
    }

    public INDArray[] output(INDArray x) {
        return net instanceof MultiLayerNetwork m ? new INDArray[] {m.output(x)} : ((ComputationGraph) net).output(x);
    }

    /**
     * The activations to compare: every vertex's of a ComputationGraph (so that the pre-softmax logits are
     * compared too, not only outputs a softmax may saturate), the output of a MultiLayerNetwork.
     */
    Map<String, INDArray> activations(INDArray x) {
        if (net instanceof MultiLayerNetwork m) {
            return Map.of("output", m.output(x));
        }
        Map<String, INDArray> all = new LinkedHashMap<>(((ComputationGraph) net).feedForward(x, false));
        all.keySet().removeAll(((ComputationGraph) net).getConfiguration().getNetworkInputs());
        return all;
    }

    /** The name, in {@link #activations}, of what feeds the (first) output layer: the output of a MultiLayerNetwork. */
    String beforeOutput() {
        if (net instanceof MultiLayerNetwork) {
            return "output";
        }
        var conf = ((ComputationGraph) net).getConfiguration();
        return conf.getVertexInputs().get(conf.getNetworkOutputs().get(0)).get(0);
    }

    public ZooNet prunable() {
        PrunableOptions o = PrunableOptions.builder().inputTypes(input).build();
        Model p = net instanceof MultiLayerNetwork m ? AutoPrune.prunable(m, o) : AutoPrune.prunable((ComputationGraph) net, o);
        return new ZooNet(p, input);
    }

    public ZooNet compact() {
        Model c = net instanceof MultiLayerNetwork m ? ChannelPruner.compact(m, input)
                : ChannelPruner.compact((ComputationGraph) net, input);
        return new ZooNet(c, input);
    }

    MaskedLayer mask(ChannelGroups groups, String name) {
        return net instanceof MultiLayerNetwork m ? MaskedLayerLookup.of(m, groups.graph().node(name))
                : MaskedLayerLookup.of((ComputationGraph) net, groups.graph().node(name));
    }

    /** Every mask HARD with a random, uneven kept set (tied masks identical); returns the kept counts. */
    public Map<String, Integer> randomHardMasks(Random rnd) {
        ChannelGroups groups = groups();
        Map<String, Integer> kept = new LinkedHashMap<>();
        for (ChannelGroup g : groups.masked()) {
            int c = (int) g.channels();
            int min = g.minChannels();
            int k = min + rnd.nextInt(Math.max(1, c - min));
            double[] scores = TestNetworks.randomScores(c, rnd);
            for (String m : g.maskNames()) {
                MaskedLayer layer = mask(groups, m);
                layer.maskConfig().getMaskSettings().setMode(MaskMode.HARD);
                TestNetworks.setKept(layer, k, scores);
            }
            kept.put(g.id(), k);
        }
        return kept;
    }

    /** Multiplies every weight array ("W", and separable convolutions' "pW") by {@code factor}. */
    void scaleWeights(double factor) {
        org.deeplearning4j.nn.api.Layer[] layers = net instanceof MultiLayerNetwork m ? m.getLayers()
                : ((ComputationGraph) net).getLayers();
        for (org.deeplearning4j.nn.api.Layer l : layers) {
            l.paramTable().forEach((k, v) -> {
                if (k.equals("W") || k.equals("pW")) {
                    v.muli(factor);
                }
            });
        }
    }

    /** This network in double precision. */
    ZooNet inDouble() {
        Model d = net instanceof MultiLayerNetwork m ? m.convertDataType(DataType.DOUBLE)
                : ((ComputationGraph) net).convertDataType(DataType.DOUBLE);
        return new ZooNet(d, input);
    }

    long numParams() {
        return net.numParams();
    }
}

package dev.autoprune.compact;

import dev.autoprune.graph.ChannelGroups;
import dev.autoprune.graph.GraphNode;
import dev.autoprune.graph.NodeKind;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds the compacted MultiLayerNetwork: mask layers removed, every other layer narrowed and its parameters sliced. */
final class MultiLayerCompactor {

    private MultiLayerCompactor() {
    }

    static MultiLayerNetwork compact(MultiLayerNetwork net, ChannelGroups groups) {
        KeptChannels kept = KeptChannels.of(groups, name -> MaskedLayerLookup.of(net, groups.graph().node(name)));
        Compaction plan = Compaction.plan(groups, kept);
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations().clone();
        List<NeuralNetConfiguration> confs = new ArrayList<>();
        Map<Integer, InputPreProcessor> pps = new HashMap<>();
        List<GraphNode> keptNodes = new ArrayList<>();
        InputPreProcessor carried = null;
        for (GraphNode n : groups.graph().nodes()) {
            if (n.kind() == NodeKind.INPUT) {
                continue;
            }
            int i = n.layerIndex();
            InputPreProcessor pp = plan.rewritePreProcessor(n, conf.getInputPreProcess(i));
            if (Compaction.isRemoved(n)) {
                if (pp != null) {
                    if (carried != null) {
                        throw new IllegalStateException(n.describe() + " carries an input preprocessor and so does "
                                + "the mask before it; this chain cannot be compacted.");
                    }
                    carried = pp;
                }
                continue;
            }
            if (carried != null) {
                if (pp != null) {
                    throw new IllegalStateException("The mask before " + n.describe() + " carries an input "
                            + "preprocessor and so does " + n.describe() + "; this chain cannot be compacted.");
                }
                pp = carried;
                carried = null;
            }
            NeuralNetConfiguration nnc = conf.getConf(i);
            nnc.setLayer(plan.rewriteLayer(n, nnc.getLayer()));
            if (pp != null) {
                pps.put(confs.size(), pp);
            }
            confs.add(nnc);
            keptNodes.add(n);
        }
        if (carried != null) {
            throw new IllegalStateException("The last layer is a mask carrying an input preprocessor; cannot compact.");
        }
        conf.setConfs(confs);
        conf.setInputPreProcessors(pps);
        MultiLayerNetwork out = new MultiLayerNetwork(conf);
        out.init();
        for (int j = 0; j < keptNodes.size(); j++) {
            GraphNode n = keptNodes.get(j);
            Compaction.assign(n, plan.params(n, net.getLayer(n.layerIndex()).paramTable()), out.getLayer(j));
        }
        return out;
    }
}

package dev.autoprune.compact;

import dev.autoprune.graph.ChannelGroups;
import dev.autoprune.graph.GraphNode;
import dev.autoprune.graph.NodeKind;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.FrozenVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the compacted ComputationGraph: each mask vertex is removed and its readers are wired to
 * its input; every other layer is narrowed and its parameters sliced.
 */
final class GraphCompactor {

    private GraphCompactor() {
    }

    static ComputationGraph compact(ComputationGraph net, ChannelGroups groups) {
        KeptChannels kept = KeptChannels.of(groups, name -> MaskedLayerLookup.of(net, groups.graph().node(name)));
        Compaction plan = Compaction.plan(groups, kept);
        ComputationGraphConfiguration conf = net.getConfiguration().clone();
        Map<String, GraphVertex> vertices = conf.getVertices();
        Map<String, List<String>> inputs = conf.getVertexInputs();
        for (GraphNode n : groups.graph().nodes()) {
            if (n.kind() == NodeKind.INPUT) {
                continue;
            }
            GraphVertex v = vertices.get(n.name());
            GraphVertex plain = v instanceof FrozenVertex fv ? fv.getUnderlying() : v;
            if (Compaction.isRemoved(n)) {
                bypass(conf, n.name(), inputs.get(n.name()).get(0));
                continue;
            }
            if (plain instanceof LayerVertex lv) {
                lv.getLayerConf().setLayer(plan.rewriteLayer(n, lv.getLayerConf().getLayer()));
                lv.setPreProcessor(plan.rewritePreProcessor(n, lv.getPreProcessor()));
            } else if (plain instanceof PreprocessorVertex pv && pv.getPreProcessor() != null
                    && plan.rewritePreProcessor(n, pv.getPreProcessor()) != pv.getPreProcessor()) {
                vertices.put(n.name(), new PreprocessorVertex(plan.rewritePreProcessor(n, pv.getPreProcessor())));
            }
        }
        conf.setTopologicalOrder(null);
        conf.setTopologicalOrderStr(null);
        ComputationGraph out = new ComputationGraph(conf);
        out.init();
        for (GraphNode n : groups.graph().nodes()) {
            if (n.layer() != null && !Compaction.isRemoved(n)) {
                Compaction.assign(n, plan.params(n, net.getLayer(n.name()).paramTable()), out.getLayer(n.name()));
            }
        }
        return out;
    }

    private static void bypass(ComputationGraphConfiguration conf, String removed, String input) {
        conf.getVertices().remove(removed);
        conf.getVertexInputs().remove(removed);
        for (List<String> ins : conf.getVertexInputs().values()) {
            ins.replaceAll(s -> s.equals(removed) ? input : s);
        }
        List<String> outs = new ArrayList<>(conf.getNetworkOutputs());
        outs.replaceAll(s -> s.equals(removed) ? input : s);
        conf.setNetworkOutputs(outs);
    }
}

package dev.autoprune.convert;

import dev.autoprune.PrunableOptions;
import dev.autoprune.graph.ChannelGroups;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Inserts masks into a ComputationGraphConfiguration (a copy; the input is not modified). */
public final class GraphConversion {

    private GraphConversion() {
    }

    /**
     * The prunable copy of {@code conf}.
     *
     * @param inputs the network input types, one per network input; every mask records them
     */
    public static ComputationGraphConfiguration prunable(ComputationGraphConfiguration conf, InputType[] inputs,
                                                         PrunableOptions options) {
        ChannelGroups groups = ChannelGroups.of(conf, Objects.requireNonNull(inputs, "inputs"));
        List<MaskPlanner.Planned> plan = MaskPlanner.plan(groups, options);
        if (plan.isEmpty()) {
            throw new IllegalArgumentException("No prunable channel group found (options: " + options + "). "
                    + "Groups and why they cannot be pruned:\n" + groups);
        }
        ComputationGraphConfiguration out = conf.clone();
        // DL4J's clone drops the training history a MultiLayerConfiguration's keeps; the listener reads it to skip
        // the warm-up of a trained network and to anneal over the first search epoch (without it a one-epoch
        // search on a graph never annealed; BENCHMARKS.md, ResNet).
        out.setIterationCount(conf.getIterationCount());
        out.setEpochCount(conf.getEpochCount());
        Map<String, GraphVertex> vertices = new LinkedHashMap<>(out.getVertices());
        Map<String, List<String>> inputsOf = new LinkedHashMap<>();
        out.getVertexInputs().forEach((k, v) -> inputsOf.put(k, new ArrayList<>(v)));
        for (MaskPlanner.Planned p : plan) {
            String target = p.placement().afterLayer();
            GraphVertex v = vertices.get(target);
            if (p.placement().insideConvolution()) {
                LayerVertex lv = (LayerVertex) v;
                NeuralNetConfiguration nnc = lv.getLayerConf().clone();
                nnc.setLayer(MaskLayerFactory.masked((ConvolutionLayer) nnc.getLayer(), p.settings(), inputs));
                nnc.clearVariables();
                vertices.put(target, new LayerVertex(nnc, lv.getPreProcessor()));
                continue;
            }
            String maskName = uniqueName(vertices, target + "_mask");
            NeuralNetConfiguration template = v instanceof LayerVertex lv ? lv.getLayerConf()
                    : out.getDefaultConfiguration();
            NeuralNetConfiguration maskConf = MaskLayerFactory.maskConf(template, maskName, p.placement().channels(),
                    p.settings(), groups.graph().node(target).outputType(), inputs);
            // Every reader of the target now reads the mask instead.
            for (List<String> ins : inputsOf.values()) {
                ins.replaceAll(name -> name.equals(target) ? maskName : name);
            }
            vertices.put(maskName, new LayerVertex(maskConf, null));
            inputsOf.put(maskName, new ArrayList<>(List.of(target)));
        }
        out.setVertices(vertices);
        out.setVertexInputs(inputsOf);
        out.setTopologicalOrder(null);
        out.setTopologicalOrderStr(null);
        out.validate(false, false);
        return out;
    }

    private static String uniqueName(Map<String, GraphVertex> vertices, String base) {
        String name = base;
        for (int i = 2; vertices.containsKey(name); i++) {
            name = base + i;
        }
        return name;
    }
}

package dev.autoprune.convert;

import dev.autoprune.PrunableOptions;
import dev.autoprune.graph.ChannelGroups;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.inputs.InputType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Inserts masks into a MultiLayerConfiguration (a copy; the input is not modified). */
public final class MultiLayerConversion {

    private MultiLayerConversion() {
    }

    /**
     * The prunable copy of {@code conf}.
     *
     * @param input the network input type; every mask records it
     */
    public static MultiLayerConfiguration prunable(MultiLayerConfiguration conf, InputType input, PrunableOptions options) {
        ChannelGroups groups = ChannelGroups.of(conf, Objects.requireNonNull(input, "input"));
        InputType[] recorded = {input};
        List<MaskPlanner.Planned> plan = MaskPlanner.plan(groups, options);
        if (plan.isEmpty()) {
            throw new IllegalArgumentException("No prunable channel group found (options: " + options + "). "
                    + "Groups and why they cannot be pruned:\n" + groups);
        }
        Map<String, MaskPlanner.Planned> after = new HashMap<>();
        for (MaskPlanner.Planned p : plan) {
            after.put(p.placement().afterLayer(), p);
        }
        MultiLayerConfiguration out = conf.clone();
        List<NeuralNetConfiguration> confs = new ArrayList<>();
        Map<Integer, InputPreProcessor> preprocessors = new HashMap<>();
        for (int i = 0; i < out.getConfs().size(); i++) {
            NeuralNetConfiguration nnc = out.getConf(i);
            Layer layer = nnc.getLayer();
            String name = layer.getLayerName() != null ? layer.getLayerName() : "layer" + i;
            layer.setLayerName(name);
            InputPreProcessor pp = out.getInputPreProcess(i);
            if (pp != null) {
                preprocessors.put(confs.size(), pp);
            }
            MaskPlanner.Planned p = after.get(name);
            if (p != null && p.placement().insideConvolution()) {
                nnc.setLayer(MaskLayerFactory.masked((ConvolutionLayer) layer, p.settings(), recorded));
                nnc.clearVariables();
                confs.add(nnc);
            } else {
                confs.add(nnc);
                if (p != null) {
                    confs.add(MaskLayerFactory.maskConf(nnc, name + "_mask", p.placement().channels(), p.settings(),
                            groups.graph().node(name).outputType(), recorded));
                }
            }
        }
        out.setConfs(confs);
        out.setInputPreProcessors(preprocessors);
        return out;
    }
}

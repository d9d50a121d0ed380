package dev.autoprune.layers.impl;

import dev.autoprune.layers.ChannelMaskLayer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parameters of a {@link ChannelMaskLayer}: {@code theta} [1,1] then {@code scores} [1,C]. */
public final class ChannelMaskParamInitializer extends MaskParamInitializer {

    private static final ChannelMaskParamInitializer INSTANCE = new ChannelMaskParamInitializer();

    private ChannelMaskParamInitializer() {
    }

    /** The shared stateless instance. */
    public static ChannelMaskParamInitializer getInstance() {
        return INSTANCE;
    }

    @Override
    public long numParams(Layer layer) {
        return MaskParams.count(((ChannelMaskLayer) layer).getNOut());
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return List.of(MaskParams.THETA_KEY, MaskParams.SCORES_KEY);
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return Collections.emptyList();
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return Collections.emptyList();
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return false;
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return false;
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        Map<String, INDArray> out = Collections.synchronizedMap(new LinkedHashMap<>());
        initMaskParams(conf, paramsView.reshape(paramsView.length()), initializeParams, out);
        return out;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        maskGradients(conf, gradientView.reshape(gradientView.length()), out);
        return out;
    }
}

package dev.autoprune.layers.impl;

import dev.autoprune.layers.MaskedConvolutionLayer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parameters of a {@link MaskedConvolutionLayer}: DL4J's convolution parameters (laid out exactly as
 * {@link ConvolutionParamInitializer} lays them out) followed by {@code theta} and {@code scores}.
 */
public final class MaskedConvolutionParamInitializer extends MaskParamInitializer {

    private static final MaskedConvolutionParamInitializer INSTANCE = new MaskedConvolutionParamInitializer();
    private static final ConvolutionParamInitializer CONV = ConvolutionParamInitializer.getInstance();

    private MaskedConvolutionParamInitializer() {
    }

    /** The shared stateless instance. */
    public static MaskedConvolutionParamInitializer getInstance() {
        return INSTANCE;
    }

    @Override
    public long numParams(Layer layer) {
        return CONV.numParams(layer) + MaskParams.count(((MaskedConvolutionLayer) layer).getNOut());
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        List<String> keys = new ArrayList<>(CONV.paramKeys(layer));
        keys.add(MaskParams.THETA_KEY);
        keys.add(MaskParams.SCORES_KEY);
        return Collections.unmodifiableList(keys);
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return CONV.weightKeys(layer);
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return CONV.biasKeys(layer);
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return CONV.isWeightParam(layer, key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return CONV.isBiasParam(layer, key);
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        long convCount = CONV.numParams(conf.getLayer());
        INDArray flat = paramsView.reshape(paramsView.length());
        Map<String, INDArray> out = Collections.synchronizedMap(new LinkedHashMap<>());
        out.putAll(CONV.init(conf, flat.get(NDArrayIndex.interval(0, convCount)), initializeParams));
        initMaskParams(conf, flat.get(NDArrayIndex.interval(convCount, flat.length())), initializeParams, out);
        return out;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        long convCount = CONV.numParams(conf.getLayer());
        INDArray flat = gradientView.reshape(gradientView.length());
        Map<String, INDArray> out = new LinkedHashMap<>(
                CONV.getGradientsFromFlattened(conf, flat.get(NDArrayIndex.interval(0, convCount))));
        maskGradients(conf, flat.get(NDArrayIndex.interval(convCount, flat.length())), out);
        return out;
    }
}

package dev.autoprune.layers.impl;

import dev.autoprune.layers.MaskableLayerConfig;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * What the parameter initializers of both mask layers share: the mask parameters ({@link MaskParams})
 * stand at the end of the layer's flat parameter vector, after the layer's own parameters if it has any.
 */
abstract class MaskParamInitializer implements ParamInitializer {

    @Override
    public final long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    /**
     * Puts views of the mask parameters over {@code maskPart} into {@code out}, initialises them when
     * asked, and registers them as variables of the configuration.
     *
     * @param conf       the configuration of a mask layer
     * @param maskPart   a rank-1 view of the mask parameters
     * @param initialize whether to set their initial values
     * @param out        the parameter table being built
     */
    static void initMaskParams(NeuralNetConfiguration conf, INDArray maskPart, boolean initialize,
                               Map<String, INDArray> out) {
        maskViews(conf, maskPart, initialize, out);
        conf.addVariable(MaskParams.THETA_KEY);
        conf.addVariable(MaskParams.SCORES_KEY);
    }

    /** Puts views of the mask gradients over {@code maskPart} (a rank-1 view) into {@code out}. */
    static void maskGradients(NeuralNetConfiguration conf, INDArray maskPart, Map<String, INDArray> out) {
        maskViews(conf, maskPart, false, out);
    }

    private static void maskViews(NeuralNetConfiguration conf, INDArray maskPart, boolean initialize,
                                  Map<String, INDArray> out) {
        MaskableLayerConfig layer = (MaskableLayerConfig) conf.getLayer();
        MaskParams.views(maskPart, layer.getMaskedChannels(), layer.getMaskSettings(), initialize, out);
    }
}

package dev.autoprune.layers.impl;

import dev.autoprune.layers.MaskMode;
import dev.autoprune.layers.MaskableLayerConfig;
import dev.autoprune.layers.MaskedConvolutionLayer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The DL4J layer implementation of {@link MaskedConvolutionLayer}: DL4J's convolution, then the
 * activation, then the channel mask.
 */
public class MaskedConvolutionLayerImpl extends ConvolutionLayer implements MaskedLayerSupport {

    /** The pre-activation computed for the current backward pass, reused so the conv runs once. */
    private Pair<INDArray, INDArray> backpropPreOutput;

    /** Created by {@link MaskedConvolutionLayer#instantiate}. */
    public MaskedConvolutionLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private MaskedConvolutionLayer maskedConf() {
        return (MaskedConvolutionLayer) layerConf();
    }

    @Override
    public MaskRuntime runtime() {
        return new MaskRuntime(params, maskedConf().getMaskSettings(), describe(),
                maskedConf().getCnn2dDataFormat() == CNN2DFormat.NHWC);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr mgr) {
        INDArray a = super.activate(training, mgr);
        if (maskedConf().getMaskSettings().getMode() == MaskMode.IDENTITY) {
            return a;
        }
        MaskRuntime rt = runtime();
        return rt.multiply(a, rt.forward().mask(), mgr, ArrayType.ACTIVATIONS);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr mgr) {
        MaskRuntime rt = runtime();
        ChannelMask.Forward fwd = rt.forward();
        INDArray epsMasked = epsilon;
        INDArray unmasked = null;
        boolean identity = maskedConf().getMaskSettings().getMode() == MaskMode.IDENTITY;
        boolean needParamGrads = fwd.soft() != null && maskedConf().getMaskSettings().isLearnable();
        try {
            if (needParamGrads) {
                // dL/dm_c needs the unmasked activation: compute the pre-activation once and let the
                // convolution's own backward pass reuse it (see preOutput4d).
                backpropPreOutput = super.preOutput4d(true, true, mgr);
                unmasked = layerConf().getActivationFn().getActivation(backpropPreOutput.getFirst().dup(), true);
            }
            if (!identity) {
                epsMasked = rt.multiply(epsilon, fwd.mask(), mgr, ArrayType.ACTIVATION_GRAD);
            }
            Pair<Gradient, INDArray> ret = super.backpropGradient(epsMasked, mgr);
            rt.backpropMaskParams(fwd, unmasked, epsilon, gradientViews, ret.getFirst());
            return ret;
        } finally {
            backpropPreOutput = null;
        }
    }

    @Override
    protected Pair<INDArray, INDArray> preOutput4d(boolean training, boolean forBackprop, LayerWorkspaceMgr mgr) {
        if (forBackprop && backpropPreOutput != null) {
            return backpropPreOutput;
        }
        return super.preOutput4d(training, forBackprop, mgr);
    }

    // ---- MaskedLayer (the read-outs come from MaskedLayerSupport) ----

    @Override
    public MaskableLayerConfig maskConfig() {
        return maskedConf();
    }

    @Override
    public INDArray gradientView(String key) {
        return gradientViews.get(key);
    }

    @Override
    public String describe() {
        return maskedConf().describe();
    }
}

package dev.autoprune.layers.impl;

import dev.autoprune.layers.ChannelMaskLayer;
import dev.autoprune.layers.MaskMode;
import dev.autoprune.layers.MaskableLayerConfig;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The DL4J layer implementation of {@link ChannelMaskLayer}. */
public class ChannelMaskLayerImpl extends BaseLayer<ChannelMaskLayer> implements MaskedLayerSupport {

    /** Created by {@link ChannelMaskLayer#instantiate}. */
    public ChannelMaskLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public MaskRuntime runtime() {
        return new MaskRuntime(params, layerConf().getMaskSettings(), describe(),
                layerConf().dataFormat() == CNN2DFormat.NHWC);
    }

    @Override
    public Type type() {
        return Type.FEED_FORWARD;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr mgr) {
        assertInputSet(false);
        applyDropOutIfNecessary(training, mgr);
        MaskRuntime rt = runtime();
        rt.checkInput(input, false);
        if (layerConf().getMaskSettings().getMode() == MaskMode.IDENTITY) {
            // A copy, not the input itself: later layers may work in place on their input.
            return mgr.dup(ArrayType.ACTIVATIONS, input, 'c');
        }
        return rt.multiply(input, rt.forward().mask(), mgr, ArrayType.ACTIVATIONS);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr mgr) {
        assertInputSet(true);
        MaskRuntime rt = runtime();
        ChannelMask.Forward fwd = rt.forward();
        Gradient gradient = new DefaultGradient();
        rt.backpropMaskParams(fwd, input, epsilon, gradientViews, gradient);
        INDArray epsOut = layerConf().getMaskSettings().getMode() == MaskMode.IDENTITY
                ? mgr.dup(ArrayType.ACTIVATION_GRAD, epsilon, 'c')
                : rt.multiply(epsilon, fwd.mask(), mgr, ArrayType.ACTIVATION_GRAD);
        epsOut = backpropDropOutIfPresent(epsOut);
        return new Pair<>(gradient, epsOut);
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public boolean hasBias() {
        return false;
    }

    @Override
    public double calcRegularizationScore(boolean backpropParamsOnly) {
        return 0.0;
    }

    @Override
    public void setParams(INDArray params) {
        setParams(params, 'c');
    }

    // ---- MaskedLayer (the read-outs come from MaskedLayerSupport) ----

    @Override
    public MaskableLayerConfig maskConfig() {
        return layerConf();
    }

    @Override
    public INDArray gradientView(String key) {
        return gradientViews.get(key);
    }

    @Override
    public String describe() {
        return layerConf().describe();
    }
}

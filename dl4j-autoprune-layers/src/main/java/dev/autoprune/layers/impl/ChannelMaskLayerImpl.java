package dev.autoprune.layers.impl;

import dev.autoprune.layers.ChannelMaskLayer;
import dev.autoprune.layers.MaskMode;
import dev.autoprune.layers.MaskableLayerConfig;
import dev.autoprune.layers.MaskedLayer;
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
public class ChannelMaskLayerImpl extends BaseLayer<ChannelMaskLayer> implements MaskedLayer {

    /** Created by {@link ChannelMaskLayer#instantiate}. */
    public ChannelMaskLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private MaskRuntime runtime() {
        return new MaskRuntime(params, layerConf().getMaskSettings(), describe());
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

    // ---- MaskedLayer ----

    @Override
    public MaskableLayerConfig maskConfig() {
        return layerConf();
    }

    @Override
    public int channels() {
        return runtime().channels();
    }

    @Override
    public double theta() {
        return runtime().theta();
    }

    @Override
    public void setTheta(double theta) {
        runtime().setTheta(theta);
    }

    @Override
    public double[] scores() {
        return runtime().scores();
    }

    @Override
    public void setScores(double[] scores) {
        runtime().setScores(scores);
    }

    @Override
    public double ratio() {
        return keptCount() / channels();
    }

    @Override
    public double keptCount() {
        return runtime().keptCount();
    }

    @Override
    public int hardKeptCount() {
        return runtime().hardKeptCount();
    }

    @Override
    public int[] hardKeptIndices() {
        return runtime().hardKeptIndices();
    }

    @Override
    public double[] maskValues() {
        return runtime().forward().mask();
    }

    @Override
    public double thetaGradient() {
        return gradientViews.get(MaskParams.THETA_KEY).getDouble(0);
    }

    @Override
    public double[] scoresGradient() {
        return gradientViews.get(MaskParams.SCORES_KEY).toDoubleVector();
    }

    @Override
    public String describe() {
        return layerConf().describe();
    }
}

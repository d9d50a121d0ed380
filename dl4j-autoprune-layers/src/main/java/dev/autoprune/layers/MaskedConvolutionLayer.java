package dev.autoprune.layers;

import dev.autoprune.layers.impl.MaskParams;
import dev.autoprune.layers.impl.MaskedConvolutionLayerImpl;
import dev.autoprune.layers.impl.MaskedConvolutionParamInitializer;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.util.ConvolutionUtils;
import org.deeplearning4j.util.ValidationUtils;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.regularization.Regularization;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A drop-in for DL4J's {@link ConvolutionLayer} (same builder methods) that multiplies each output
 * channel, after the activation, by a learnable dynamic channel mask.
 *
 * <p>Use it only where nothing per-channel follows the convolution: if a BatchNormalization comes
 * next, the mask must sit after the BatchNormalization (and its activation), so use a plain
 * {@code ConvolutionLayer} and a {@link ChannelMaskLayer} there instead. Network-level validation in
 * {@code AutoPrune} refuses a MaskedConvolutionLayer followed by BatchNormalization, because the
 * normalisation would silently undo the mask.
 *
 * <p>NCHW and NHWC ({@code cnn2dDataFormat}) activations: the mask acts on the channel axis of either.
 *
 * <p>Reference: B. Li, Y. Fan, Z. Pan, G. Zhang, "AutoPruning for Deep Neural Network with Dynamic
 * Channel Masking", arXiv:2010.12021 (2020).
 */
public class MaskedConvolutionLayer extends ConvolutionLayer implements MaskableLayerConfig {

    private MaskSettings maskSettings = new MaskSettings();

    /** For Jackson. */
    public MaskedConvolutionLayer() {
    }

    private MaskedConvolutionLayer(Builder builder) {
        super(builder);
        this.maskSettings = builder.settings.validated(describe());
        if (builder.getNOut() <= 0) {
            throw new IllegalArgumentException(describe() + ": nOut must be > 0, found " + builder.getNOut());
        }
        if (builder.getNIn() < 0) {
            throw new IllegalArgumentException(describe() + ": nIn must be > 0 (or unset to infer it), found "
                    + builder.getNIn());
        }
        maskSettings.validate(describe(), nOut);
    }

    /** Describes this layer for error messages. */
    public String describe() {
        return "MaskedConvolutionLayer (layer name=\"" + getLayerName() + "\")";
    }

    @Override
    public MaskSettings getMaskSettings() {
        return maskSettings;
    }

    /** Sets the mask settings (for Jackson). */
    public void setMaskSettings(MaskSettings maskSettings) {
        this.maskSettings = Objects.requireNonNull(maskSettings, "maskSettings");
    }

    @Override
    public long getMaskedChannels() {
        return nOut;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        if (nIn <= 0 || nOut <= 0) {
            throw new IllegalStateException(describe() + ": nIn and nOut must be > 0, found nIn=" + nIn + ", nOut="
                    + nOut + ". Set nIn or the network's input type.");
        }
        MaskedConvolutionLayerImpl ret = new MaskedConvolutionLayerImpl(conf, networkDataType);
        ret.setListeners(listeners);
        ret.setIndex(layerIndex);
        ret.setParamsViewArray(layerParamsView);
        Map<String, INDArray> paramTable = initializer().init(conf, layerParamsView, initializeParams);
        ret.setParamTable(paramTable);
        ret.setConf(conf);
        return ret;
    }

    @Override
    public ParamInitializer initializer() {
        return MaskedConvolutionParamInitializer.getInstance();
    }

    @Override
    public List<Regularization> getRegularizationByParam(String paramName) {
        if (MaskParams.isMaskParam(paramName)) {
            return Collections.emptyList();
        }
        return super.getRegularizationByParam(paramName);
    }

    @Override
    public IUpdater getUpdaterByParam(String paramName) {
        if (MaskParams.isMaskParam(paramName)) {
            return new NoOp(); // ratio steps are applied by AutoPruneListener, never by DL4J's updater
        }
        return super.getUpdaterByParam(paramName);
    }

    @Override
    public MaskedConvolutionLayer clone() {
        MaskedConvolutionLayer c = (MaskedConvolutionLayer) super.clone();
        c.maskSettings = maskSettings.clone();
        return c;
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && o instanceof MaskedConvolutionLayer other && maskSettings.equals(other.maskSettings);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + maskSettings.hashCode();
    }

    /** Builder with every {@link ConvolutionLayer.Builder} method plus the mask settings. */
    public static class Builder extends ConvolutionLayer.BaseConvBuilder<Builder> {

        private final PendingMaskSettings settings = new PendingMaskSettings();

        /** Kernel size, stride and padding. */
        public Builder(int[] kernelSize, int[] stride, int[] padding) {
            super(kernelSize, stride, padding);
        }

        /** Kernel size and stride. */
        public Builder(int[] kernelSize, int[] stride) {
            super(kernelSize, stride);
        }

        /** Kernel size (default 5x5). */
        public Builder(int... kernelSize) {
            super(kernelSize);
        }

        /** Default 5x5 kernel. */
        public Builder() {
            super();
        }

        /** The fewest output channels the mask may keep (default 1). */
        public Builder minChannels(int minChannels) {
            settings.set(s -> s.setMinChannels(minChannels));
            return this;
        }

        /** The remaining ratio the layer starts with, in (0, 1] (default 1). */
        public Builder initialRatio(double initialRatio) {
            settings.set(s -> s.setInitialRatio(initialRatio));
            return this;
        }

        /** Round hard channel counts to a multiple of this (default 1). */
        public Builder channelMultiple(int multiple) {
            settings.set(s -> s.setChannelMultiple(multiple));
            return this;
        }

        /** The initial mask mode (default IDENTITY). */
        public Builder maskMode(MaskMode mode) {
            settings.set(s -> s.setMode(mode));
            return this;
        }

        /** The soft-mask temperature (default 1). */
        public Builder temperature(double temperature) {
            settings.set(s -> s.setTemperature(temperature));
            return this;
        }

        /** Whether the mask parameters receive gradients (default false; the listener switches it). */
        public Builder learnable(boolean learnable) {
            settings.set(s -> s.setLearnable(learnable));
            return this;
        }

        @Override
        protected boolean allowCausal() {
            return false;
        }

        @Override
        public void setKernelSize(int... kernelSize) {
            this.kernelSize = ValidationUtils.validate2NonNegative(kernelSize, false, "kernelSize");
        }

        @Override
        public void setStride(int... stride) {
            this.stride = ValidationUtils.validate2NonNegative(stride, false, "stride");
        }

        @Override
        public void setPadding(int... padding) {
            this.padding = ValidationUtils.validate2NonNegative(padding, false, "padding");
        }

        @Override
        public void setDilation(int... dilation) {
            this.dilation = ValidationUtils.validate2NonNegative(dilation, false, "dilation");
        }


        @Override
        @SuppressWarnings("unchecked")
        public MaskedConvolutionLayer build() {
            ConvolutionUtils.validateConvolutionModePadding(convolutionMode, padding);
            ConvolutionUtils.validateCnnKernelStridePadding(kernelSize, stride, padding);
            return new MaskedConvolutionLayer(this);
        }
    }
}

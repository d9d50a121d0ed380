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
import org.nd4j.shade.jackson.annotation.JsonInclude;
import org.nd4j.shade.jackson.annotation.JsonProperty;

import java.util.Collection;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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
    /** Recorded by {@code AutoPrune.prunable}; left out of the JSON when null, so hand-placed masks save as before. */
    @JsonProperty("networkInputTypes")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    private InputType[] networkInputTypes;

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
    public Optional<InputType[]> recordedInputTypes() {
        return RecordedInputTypes.copy(networkInputTypes);
    }

    @Override
    public void recordInputTypes(InputType... types) {
        this.networkInputTypes = RecordedInputTypes.checked(describe(), types);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        if (nIn <= 0 || nOut <= 0) {
            throw new IllegalStateException(describe() + ": nIn and nOut must be > 0, found nIn=" + nIn + ", nOut="
                    + nOut + ". Set nIn or the network's input type.");
        }
        return LayerWiring.wire(new MaskedConvolutionLayerImpl(conf, networkDataType), initializer(), conf,
                listeners, layerIndex, layerParamsView, initializeParams);
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
        c.networkInputTypes = networkInputTypes == null ? null : networkInputTypes.clone();
        return c;
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && o instanceof MaskedConvolutionLayer other && maskSettings.equals(other.maskSettings)
                && Arrays.equals(networkInputTypes, other.networkInputTypes);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * super.hashCode() + maskSettings.hashCode()) + Arrays.hashCode(networkInputTypes);
    }

    /** Builder with every {@link ConvolutionLayer.Builder} method plus the mask settings of {@link MaskSettingsBuilder}. */
    public static class Builder extends ConvolutionLayer.BaseConvBuilder<Builder>
            implements MaskSettingsBuilder<Builder> {

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

        @Override
        public PendingMaskSettings pendingMaskSettings() {
            return settings;
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

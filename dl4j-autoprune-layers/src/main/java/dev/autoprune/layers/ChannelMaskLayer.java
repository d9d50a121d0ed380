package dev.autoprune.layers;

import dev.autoprune.layers.impl.ChannelMaskLayerImpl;
import dev.autoprune.layers.impl.ChannelMaskParamInitializer;
import dev.autoprune.layers.impl.MaskParams;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
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
 * A layer that multiplies each channel of its input by a learnable, dynamic channel mask: CNN
 * activations {@code [mb, C, H, W]} (NCHW) or {@code [mb, H, W, C]} (NHWC, {@link #dataFormat()}), or
 * dense activations {@code [mb, C]}.
 *
 * <p>Its parameters are the ratio logit {@code theta} and the channel scores {@code scores}
 * (see {@link MaskParams}); they are ordinary DL4J parameters, but DL4J's updater never moves them
 * (their updater is {@link NoOp} and their gradient is zero unless {@link MaskSettings#isLearnable()});
 * {@code AutoPruneListener} optimises them in its ratio steps. Place it after a convolution's
 * BatchNormalization and activation: a mask before BatchNormalization is undone by it.
 *
 * <p>Reference: B. Li, Y. Fan, Z. Pan, G. Zhang, "AutoPruning for Deep Neural Network with Dynamic
 * Channel Masking", arXiv:2010.12021 (2020).
 */
public class ChannelMaskLayer extends FeedForwardLayer implements MaskableLayerConfig {

    private MaskSettings maskSettings = new MaskSettings();
    /** Recorded by {@code AutoPrune.prunable}; left out of the JSON when null, so hand-placed masks save as before. */
    @JsonProperty("networkInputTypes")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    private InputType[] networkInputTypes;
    /** NHWC, or null for NCHW (left out of the JSON then, so NCHW masks save as they did before NHWC support). */
    @JsonProperty("dataFormat")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    private CNN2DFormat dataFormat;

    /** For Jackson. */
    public ChannelMaskLayer() {
    }

    private ChannelMaskLayer(Builder builder) {
        super(builder);
        this.maskSettings = builder.settings.validated(describe());
        if (builder.getNIn() > 0 && builder.getNOut() > 0 && builder.getNIn() != builder.getNOut()) {
            throw new IllegalArgumentException(describe() + ": a mask keeps its width, so nIn must equal nOut; found nIn="
                    + builder.getNIn() + ", nOut=" + builder.getNOut() + ". Use channels(n).");
        }
        long c = Math.max(builder.getNIn(), builder.getNOut());
        if (builder.getNIn() < 0 || builder.getNOut() < 0) {
            throw new IllegalArgumentException(describe() + ": channels must be > 0 (or unset to infer from the input type), found "
                    + Math.min(builder.getNIn(), builder.getNOut()));
        }
        this.nIn = c;
        this.nOut = c;
        maskSettings.validate(describe(), c);
    }

    /** Describes this layer for error messages. */
    public String describe() {
        return "ChannelMaskLayer (layer name=\"" + getLayerName() + "\")";
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
        if (nOut <= 0) {
            throw new IllegalStateException(describe() + ": channel count is not set. Give channels(n) or set the network's input type.");
        }
        maskSettings.validate(describe(), nOut);
        return LayerWiring.wire(new ChannelMaskLayerImpl(conf, networkDataType), initializer(), conf,
                listeners, layerIndex, layerParamsView, initializeParams);
    }

    @Override
    public ParamInitializer initializer() {
        return ChannelMaskParamInitializer.getInstance();
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        checkInputType(inputType);
        return inputType;
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        checkInputType(inputType);
        long c = inputType.getType() == InputType.Type.CNN
                ? ((InputType.InputTypeConvolutional) inputType).getChannels()
                : ((InputType.InputTypeFeedForward) inputType).getSize();
        if (nIn <= 0 || override) {
            nIn = c;
            nOut = c;
        } else if (nIn != c) {
            throw new IllegalStateException(describe() + ": configured for " + nIn
                    + " channels but its input has " + c + ". Remove channels(n) to infer it, or fix the layer before.");
        }
        maskSettings.validate(describe(), c);
        if (inputType instanceof InputType.InputTypeConvolutional cnn) {
            setDataFormat(cnn.getFormat());
        }
    }

    /**
     * The layout of a rank-4 input: NCHW (default) or NHWC, whose channel axis is the last one. (Not a bean
     * getter on purpose: DL4J's JSON mapper would write a default NCHW into every saved mask.)
     */
    public CNN2DFormat dataFormat() {
        return dataFormat == null ? CNN2DFormat.NCHW : dataFormat;
    }

    /** Sets the layout of a rank-4 input (set from the input type when the network's input type is given). */
    public void setDataFormat(CNN2DFormat dataFormat) {
        this.dataFormat = Objects.requireNonNull(dataFormat, "dataFormat") == CNN2DFormat.NCHW ? null : dataFormat;
    }

    private void checkInputType(InputType inputType) {
        if (inputType == null) {
            throw new IllegalStateException(describe() + ": input type is null");
        }
        if (inputType.getType() != InputType.Type.CNN && inputType.getType() != InputType.Type.FF) {
            throw new IllegalStateException(describe() + ": expects CNN [mb, C, H, W] or feed-forward [mb, C] input, found "
                    + inputType);
        }
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return null; // a mask keeps the shape of its input
    }

    @Override
    public List<Regularization> getRegularizationByParam(String paramName) {
        return Collections.emptyList();
    }

    @Override
    public IUpdater getUpdaterByParam(String paramName) {
        return new NoOp(); // ratio steps are applied by AutoPruneListener, never by DL4J's updater
    }

    @Override
    public boolean isPretrainParam(String paramName) {
        return false;
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        long numParams = initializer().numParams(this);
        return new LayerMemoryReport.Builder(getLayerName(), ChannelMaskLayer.class, inputType, inputType)
                .standardMemory(numParams, 0).workingMemory(0, 0, 0, 0)
                .cacheMemory(MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS).build();
    }

    @Override
    public ChannelMaskLayer clone() {
        ChannelMaskLayer c = (ChannelMaskLayer) super.clone();
        c.maskSettings = maskSettings.clone();
        c.networkInputTypes = networkInputTypes == null ? null : networkInputTypes.clone();
        return c;
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && o instanceof ChannelMaskLayer other && maskSettings.equals(other.maskSettings)
                && Arrays.equals(networkInputTypes, other.networkInputTypes) && dataFormat() == other.dataFormat();
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * super.hashCode() + maskSettings.hashCode()) + Arrays.hashCode(networkInputTypes))
                + dataFormat().hashCode();
    }

    @Override
    public String toString() {
        return "ChannelMaskLayer(name=" + getLayerName() + ", channels=" + nOut + ", " + maskSettings + ")";
    }

    /**
     * Builder of {@link ChannelMaskLayer}: the channel count plus the mask settings of
     * {@link MaskSettingsBuilder}; every value is validated by {@link #build()}.
     */
    public static class Builder extends FeedForwardLayer.Builder<Builder> implements MaskSettingsBuilder<Builder> {

        private final PendingMaskSettings settings = new PendingMaskSettings();

        /** Creates a builder; the channel count is inferred from the input type unless {@link #channels(long)} is given. */
        public Builder() {
        }

        /** The number of channels C (sets nIn and nOut). */
        public Builder channels(long channels) {
            this.nIn = channels;
            this.nOut = channels;
            if (channels <= 0) {
                settings.refuse("channels must be > 0, found " + channels);
            }
            return this;
        }

        @Override
        public PendingMaskSettings pendingMaskSettings() {
            return settings;
        }

        @Override
        @SuppressWarnings("unchecked")
        public ChannelMaskLayer build() {
            return new ChannelMaskLayer(this);
        }
    }
}

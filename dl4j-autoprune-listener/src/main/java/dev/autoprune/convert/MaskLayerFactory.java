package dev.autoprune.convert;

import dev.autoprune.layers.ChannelMaskLayer;
import dev.autoprune.layers.MaskMode;
import dev.autoprune.layers.MaskSettings;
import dev.autoprune.layers.MaskedConvolutionLayer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Creates the layer configurations {@code AutoPrune.prunable} inserts: a {@link ChannelMaskLayer}
 * after a chain, or a {@link MaskedConvolutionLayer} that replaces a plain convolution with every
 * setting of the original kept. Each records the network input types the conversion used, so that
 * nothing later asks for them again.
 */
final class MaskLayerFactory {

    private MaskLayerFactory() {
    }

    /** The settings every new mask starts with: IDENTITY (outputs unchanged), initial ratio 1. */
    static MaskSettings settings(int minChannels, int channelMultiple) {
        MaskSettings s = new MaskSettings();
        s.setMinChannels(minChannels);
        s.setChannelMultiple(channelMultiple);
        s.setMode(MaskMode.IDENTITY);
        return s;
    }

    /**
     * A NeuralNetConfiguration holding a new ChannelMaskLayer, inheriting the global settings of
     * {@code template}, for an activation of the given type (its data format is the mask's).
     */
    static NeuralNetConfiguration maskConf(NeuralNetConfiguration template, String name, long channels,
                                           MaskSettings settings, InputType activation, InputType[] networkInputTypes) {
        NeuralNetConfiguration nnc = template.clone();
        nnc.clearVariables();
        ChannelMaskLayer mask = new ChannelMaskLayer.Builder().name(name).channels(channels).build();
        mask.setMaskSettings(settings.clone());
        // DL4J's JSON reader takes a parameterised layer without an updater for its legacy format and
        // fails on it; the mask's parameters get NoOp from getUpdaterByParam anyway, so nothing else changes.
        mask.setIUpdater(new NoOp());
        mask.recordInputTypes(networkInputTypes);
        if (activation instanceof InputType.InputTypeConvolutional c) {
            mask.setDataFormat(c.getFormat());
        }
        nnc.setLayer(mask);
        return nnc;
    }

    /**
     * A MaskedConvolutionLayer with every field of {@code conv} (written through DL4J's own JSON
     * mapper, so no setting is forgotten) plus the mask settings.
     */
    static MaskedConvolutionLayer masked(ConvolutionLayer conv, MaskSettings settings, InputType[] networkInputTypes) {
        if (conv.getClass() != ConvolutionLayer.class) {
            throw new IllegalArgumentException("Only a plain ConvolutionLayer can carry its mask inside, found "
                    + conv.getClass().getSimpleName() + " (layer name=\"" + conv.getLayerName() + "\")");
        }
        ObjectMapper mapper = NeuralNetConfiguration.mapper();
        try {
            ObjectNode tree = mapper.valueToTree(conv);
            tree.put("@class", MaskedConvolutionLayer.class.getName());
            MaskedConvolutionLayer masked = (MaskedConvolutionLayer) mapper.treeToValue(tree, Layer.class);
            masked.setMaskSettings(settings.clone());
            masked.recordInputTypes(networkInputTypes);
            return masked;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not convert " + conv.getLayerName() + " to a MaskedConvolutionLayer", e);
        }
    }
}

package dev.autoprune.compact;

import dev.autoprune.layers.MaskedConvolutionLayer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Rewrites layer configurations and preprocessors for the narrower network (public for {@link #plainConvolution}, which latency measuring shares). */
public final class LayerRewriter {

    private LayerRewriter() {
    }

    /**
     * The plain {@code ConvolutionLayer} equivalent of a masked one: every convolution setting
     * (kernel, stride, padding, mode, activation, updater, regularization, ...) is carried over through
     * DL4J's own JSON form, only the mask settings are dropped.
     */
    public static ConvolutionLayer plainConvolution(MaskedConvolutionLayer masked) {
        ObjectMapper mapper = NeuralNetConfiguration.mapper();
        try {
            ObjectNode json = mapper.valueToTree(masked);
            json.remove("maskSettings");
            json.put("@class", ConvolutionLayer.class.getName());
            return (ConvolutionLayer) mapper.treeToValue(json, Layer.class);
        } catch (IOException e) {
            throw new UncheckedIOException(masked.describe() + ": could not convert to a plain ConvolutionLayer", e);
        }
    }

    /** The layer inside any FrozenLayer / FrozenLayerWithBackprop wrappers. */
    static Layer unwrap(Layer layer) {
        while (layer instanceof FrozenLayer || layer instanceof FrozenLayerWithBackprop) {
            layer = layer instanceof FrozenLayer f ? f.getLayer() : ((FrozenLayerWithBackprop) layer).getUnderlying();
        }
        return layer;
    }

    /** {@code outer} with its innermost layer replaced by {@code inner}, keeping the frozen wrappers. */
    static Layer rewrap(Layer outer, Layer inner) {
        if (outer instanceof FrozenLayer f) {
            FrozenLayer out = new FrozenLayer(rewrap(f.getLayer(), inner));
            out.setLayerName(outer.getLayerName());
            return out;
        }
        if (outer instanceof FrozenLayerWithBackprop f) {
            FrozenLayerWithBackprop out = new FrozenLayerWithBackprop(rewrap(f.getUnderlying(), inner));
            out.setLayerName(outer.getLayerName());
            return out;
        }
        return inner;
    }

    /** Sets nIn and nOut of a layer with channel-dependent widths. */
    static void resize(Layer inner, long nIn, long nOut) {
        if (inner instanceof FeedForwardLayer ff) {
            ff.setNIn(nIn);
            ff.setNOut(nOut);
        }
    }

    /** A preprocessor for an input that now has {@code channels} channels. */
    static InputPreProcessor resize(InputPreProcessor pp, long channels, String what) {
        if (pp == null) {
            return null;
        }
        if (pp instanceof CnnToFeedForwardPreProcessor c) {
            return new CnnToFeedForwardPreProcessor(c.getInputHeight(), c.getInputWidth(), channels, c.getFormat());
        }
        throw new IllegalStateException(what + ": its " + pp.getClass().getSimpleName() + " would see fewer channels, "
                + "and only CnnToFeedForwardPreProcessor can be resized. Remove the masks before it.");
    }
}

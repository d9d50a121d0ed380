package dev.autoprune.zoo;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.CenterLossOutputLayer;
import org.deeplearning4j.nn.conf.layers.Convolution2D;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SeparableConvolution2D;

import java.util.List;
import java.util.Map;

/**
 * An independent count of multiply-accumulates: the formulas of METHOD.md ("FLOPs model") applied to
 * the layer configurations and to the activation shapes DL4J itself computes
 * ({@code getLayerActivationTypes}), without the channel analysis or the FlopsCounter's shape chain.
 */
final class DeclaredMacs {

    private DeclaredMacs() {
    }

    static long of(MultiLayerConfiguration conf, InputType input) {
        List<InputType> out = conf.getLayerActivationTypes(input);
        long n = 0;
        for (int i = 0; i < conf.getConfs().size(); i++) {
            n += layer(conf.getConf(i).getLayer(), out.get(i));
        }
        return n;
    }

    static long of(ComputationGraphConfiguration conf, InputType... inputs) {
        Map<String, InputType> out = conf.getLayerActivationTypes(inputs);
        long n = 0;
        for (Map.Entry<String, GraphVertex> e : conf.getVertices().entrySet()) {
            if (e.getValue() instanceof LayerVertex lv) {
                n += layer(lv.getLayerConf().getLayer(), out.get(e.getKey()));
            }
        }
        return n;
    }

    private static long layer(Layer l, InputType out) {
        long hw = out instanceof InputType.InputTypeConvolutional c ? c.getHeight() * c.getWidth() : 1;
        if (l instanceof SeparableConvolution2D s) {
            long k = (long) s.getKernelSize()[0] * s.getKernelSize()[1];
            return k * s.getNIn() * s.getDepthMultiplier() * hw + s.getNIn() * s.getDepthMultiplier() * s.getNOut() * hw;
        }
        if (l instanceof DepthwiseConvolution2D d) {
            long k = (long) d.getKernelSize()[0] * d.getKernelSize()[1];
            return k * d.getNIn() * d.getDepthMultiplier() * hw;
        }
        if (l.getClass() == ConvolutionLayer.class || l.getClass() == Convolution2D.class) {
            ConvolutionLayer c = (ConvolutionLayer) l;
            long k = (long) c.getKernelSize()[0] * c.getKernelSize()[1];
            return k * c.getNIn() * c.getNOut() * hw;
        }
        if (l instanceof DenseLayer || l instanceof OutputLayer || l instanceof CenterLossOutputLayer) {
            org.deeplearning4j.nn.conf.layers.FeedForwardLayer f = (org.deeplearning4j.nn.conf.layers.FeedForwardLayer) l;
            return f.getNIn() * f.getNOut();
        }
        if (l instanceof BatchNormalization) {
            return out.arrayElementsPerExample();
        }
        return 0;
    }
}

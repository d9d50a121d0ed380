package dev.autoprune.graph;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The input type of a rank-4 input array a network holds, read in the data format of the layer that
 * reads it: {@code [mb, C, H, W]} for NCHW, {@code [mb, H, W, C]} for a first convolution in NHWC.
 */
public final class ArrayInputTypes {

    private ArrayInputTypes() {
    }

    /** The input type of {@code array} as network input {@code index} of a graph, or empty when it is not rank 4. */
    public static Optional<InputType> of(INDArray array, ComputationGraphConfiguration conf, int index) {
        return of(array, firstLayerReading(conf, conf.getNetworkInputs().get(index)));
    }

    /** The configuration of a layer that reads a network input directly, or null. */
    static Layer firstLayerReading(ComputationGraphConfiguration conf, String input) {
        for (Map.Entry<String, List<String>> e : conf.getVertexInputs().entrySet()) {
            if (e.getValue().contains(input) && conf.getVertices().get(e.getKey()) instanceof LayerVertex lv) {
                return lv.getLayerConf().getLayer();
            }
        }
        return null;
    }

    /**
     * The convolutional input type of {@code array}, or empty when it is not rank 4.
     *
     * @param firstLayer the layer configuration that reads the array (frozen wrappers are looked through), or null
     */
    public static Optional<InputType> of(INDArray array, Layer firstLayer) {
        if (array == null || array.rank() != 4) {
            return Optional.empty();
        }
        Layer l = firstLayer;
        while (l instanceof FrozenLayer || l instanceof FrozenLayerWithBackprop) {
            l = l instanceof FrozenLayer f ? f.getLayer() : ((FrozenLayerWithBackprop) l).getUnderlying();
        }
        if (l instanceof ConvolutionLayer c && c.getCnn2dDataFormat() == CNN2DFormat.NHWC) {
            return Optional.of(InputType.convolutional(array.size(1), array.size(2), array.size(3), CNN2DFormat.NHWC));
        }
        return Optional.of(InputType.convolutional(array.size(2), array.size(3), array.size(1)));
    }
}

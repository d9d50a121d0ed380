package dev.autoprune.compact;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * Removes channels from one layer type's parameters, in the manner of Torch-Pruning's per-layer
 * {@code prune_out_channels}/{@code prune_in_channels} functions (G. Fang et al., "DepGraph: Towards
 * Any Structural Pruning", CVPR 2023): given the input elements and output channels to keep, returns
 * new, smaller parameter arrays. Implementations check every shape they rely on. A layer rule gives its
 * slicer ({@link dev.autoprune.rules.LayerRule#slicer()}); {@link Slicers} has the built-in ones and
 * {@link Slicing} the index selection they are made of.
 */
public interface LayerSlicer {

    /**
     * Slices one layer's parameters.
     *
     * @param params the layer's parameters (DL4J keys); mask parameters, if any, are dropped
     * @param in     kept input elements (after the layer's preprocessor), increasing
     * @param out    kept output channels/units, increasing
     * @param what   the layer's description for messages
     * @return the sliced parameters, by DL4J key
     */
    Map<String, INDArray> slice(Map<String, INDArray> params, long[] in, long[] out, String what);
}

package dev.autoprune.compact;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Dense and output layers: W [nIn, nOut] keeps the kept input rows (after flattening, each channel
 * is a block of H*W rows in DL4J's NCHW [c, h, w] order, or one row per position in NHWC's [h, w, c] order)
 * and the kept output columns; b [1, nOut] the kept outputs.
 */
final class DenseSlicer implements LayerSlicer {

    @Override
    public Map<String, INDArray> slice(Map<String, INDArray> params, long[] in, long[] out, String what) {
        INDArray w = Params.require(params, "W", 2, what);
        Map<String, INDArray> r = new LinkedHashMap<>();
        r.put("W", Slicing.take(Slicing.take(w, 0, in, what + " W"), 1, out, what + " W"));
        if (params.containsKey("b")) {
            r.put("b", Slicing.vector(params.get("b"), out, what + " b"));
        }
        return r;
    }
}

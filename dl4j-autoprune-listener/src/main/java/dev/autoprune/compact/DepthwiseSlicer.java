package dev.autoprune.compact;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.LinkedHashMap;
import java.util.Map;

/** Depthwise convolution with multiplier 1: W [kH, kW, nIn, 1] and b [1, nIn] keep the kept channels. */
final class DepthwiseSlicer implements LayerSlicer {

    @Override
    public Map<String, INDArray> slice(Map<String, INDArray> params, long[] in, long[] out, String what) {
        INDArray w = Params.require(params, "W", 4, what);
        Map<String, INDArray> r = new LinkedHashMap<>();
        r.put("W", Slicing.take(w, 2, in, what + " W"));
        if (params.containsKey("b")) {
            r.put("b", Slicing.vector(params.get("b"), out, what + " b"));
        }
        return r;
    }
}

package dev.autoprune.compact;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.LinkedHashMap;
import java.util.Map;

/** Convolution (plain or masked): W [nOut, nIn, kH, kW] loses output rows and input columns, b [1, nOut] output entries. */
final class ConvolutionSlicer implements LayerSlicer {

    @Override
    public Map<String, INDArray> slice(Map<String, INDArray> params, long[] in, long[] out, String what) {
        INDArray w = Params.require(params, "W", 4, what);
        Map<String, INDArray> r = new LinkedHashMap<>();
        r.put("W", Slicing.take(Slicing.take(w, 0, out, what + " W"), 1, in, what + " W"));
        if (params.containsKey("b")) {
            r.put("b", Slicing.vector(params.get("b"), out, what + " b"));
        }
        return r;
    }
}

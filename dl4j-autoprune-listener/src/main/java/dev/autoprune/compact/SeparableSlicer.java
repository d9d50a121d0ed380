package dev.autoprune.compact;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Separable convolution with depth multiplier m: the depthwise W [m, nIn, kH, kW] keeps the kept input
 * channels; the pointwise pW [nOut, nIn*m, 1, 1] keeps the kept outputs and the m intermediate
 * channels {@code i*m + j} of each kept input channel i; b [1, nOut] keeps the kept outputs.
 */
final class SeparableSlicer implements LayerSlicer {

    @Override
    public Map<String, INDArray> slice(Map<String, INDArray> params, long[] in, long[] out, String what) {
        INDArray w = Params.require(params, "W", 4, what);
        INDArray pw = Params.require(params, "pW", 4, what);
        long m = w.size(0);
        long[] mid = new long[Math.toIntExact(in.length * m)];
        int k = 0;
        for (long i : in) {
            for (long j = 0; j < m; j++) {
                mid[k++] = i * m + j;
            }
        }
        Map<String, INDArray> r = new LinkedHashMap<>();
        r.put("W", Slicing.take(w, 1, in, what + " W"));
        r.put("pW", Slicing.take(Slicing.take(pw, 0, out, what + " pW"), 1, mid, what + " pW"));
        if (params.containsKey("b")) {
            r.put("b", Slicing.vector(params.get("b"), out, what + " b"));
        }
        return r;
    }
}

package dev.autoprune.compact;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/** CenterLossOutputLayer: W and b as a dense layer; the class centres cL [nOut, nIn] keep kept rows and input columns. */
final class CenterLossSlicer implements LayerSlicer {

    private final LayerSlicer dense = new DenseSlicer();

    @Override
    public Map<String, INDArray> slice(Map<String, INDArray> params, long[] in, long[] out, String what) {
        INDArray centres = Params.require(params, "cL", 2, what);
        Map<String, INDArray> r = dense.slice(params, in, out, what);
        r.put("cL", Slicing.take(Slicing.take(centres, 0, out, what + " cL"), 1, in, what + " cL"));
        return r;
    }
}

package dev.autoprune.compact;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * BatchNormalization: every parameter is one value per channel (gamma, beta, mean and either var or,
 * in DL4J's default since 1.0.0-beta4, log10stdev), so each keeps the kept channels.
 */
final class BatchNormSlicer implements LayerSlicer {

    @Override
    public Map<String, INDArray> slice(Map<String, INDArray> params, long[] in, long[] out, String what) {
        Map<String, INDArray> r = new LinkedHashMap<>();
        params.forEach((k, v) -> r.put(k, Slicing.vector(v, out, what + " " + k)));
        return r;
    }
}

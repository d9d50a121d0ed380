package dev.autoprune.compact;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;
import java.util.Map;

/** Parameter-table look-ups with shape checks. */
final class Params {

    private Params() {
    }

    static INDArray require(Map<String, INDArray> params, String key, int rank, String what) {
        INDArray a = params.get(key);
        if (a == null) {
            throw new IllegalStateException(what + ": parameter \"" + key + "\" not found; parameters: " + params.keySet());
        }
        if (a.rank() != rank) {
            throw new IllegalStateException(what + ": parameter \"" + key + "\" has shape " + Arrays.toString(a.shape())
                    + ", expected rank " + rank);
        }
        return a;
    }
}

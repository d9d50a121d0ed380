package dev.autoprune.compact;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

/** Index selection on parameter arrays: the one primitive every {@link LayerSlicer} uses. */
public final class Slicing {

    private Slicing() {
    }

    /**
     * A copy of {@code a} keeping only indices {@code idx} along dimension {@code dim}.
     *
     * @param what the layer and parameter, for messages
     * @throws IllegalStateException if nothing is kept or an index is out of range
     */
    public static INDArray take(INDArray a, int dim, long[] idx, String what) {
        if (idx.length == 0) {
            throw new IllegalStateException(what + ": nothing would be kept along dimension " + dim);
        }
        for (long i : idx) {
            if (i < 0 || i >= a.size(dim)) {
                throw new IllegalStateException(what + ": index " + i + " out of range for dimension " + dim
                        + " of shape " + Arrays.toString(a.shape()));
            }
        }
        int rank = a.rank();
        int[] perm = new int[rank];
        int[] inverse = new int[rank];
        perm[0] = dim;
        for (int d = 0, k = 1; d < rank; d++) {
            if (d != dim) {
                perm[k++] = d;
            }
        }
        for (int d = 0; d < rank; d++) {
            inverse[perm[d]] = d;
        }
        INDArray moved = a.permute(perm).dup('c');
        long rest = a.length() / a.size(dim);
        INDArray rows = moved.reshape('c', new long[] {a.size(dim), rest});
        INDArray out = Nd4j.create(a.dataType(), idx.length, rest);
        for (int k = 0; k < idx.length; k++) {
            out.putRow(k, rows.getRow(idx[k]));
        }
        long[] movedShape = moved.shape().clone();
        movedShape[0] = idx.length;
        return out.reshape('c', movedShape).permute(inverse).dup('c');
    }

    /**
     * A copy of a per-channel vector ([C] or [1, C]) keeping indices {@code idx}, same rank.
     *
     * @throws IllegalStateException if {@code v} is not a vector
     */
    public static INDArray vector(INDArray v, long[] idx, String what) {
        if (v.length() != Math.max(v.size(v.rank() - 1), v.size(0))) {
            throw new IllegalStateException(what + ": expected a vector, found shape " + Arrays.toString(v.shape()));
        }
        INDArray flat = v.reshape('c', new long[] {v.length()});
        INDArray taken = take(flat, 0, idx, what);
        long[] shape = v.shape().clone();
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] != 1 || shape.length == 1) {
                shape[d] = idx.length;
            }
        }
        return taken.reshape('c', shape);
    }

}

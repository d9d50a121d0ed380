package dev.autoprune.rules;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** Whether an activation function maps 0 to 0, so that a channel zeroed by a mask stays zero through it. */
final class ZeroPreservation {

    private ZeroPreservation() {
    }

    static boolean mapsZeroToZero(IActivation fn) {
        if (fn == null) {
            return true;
        }
        double y = fn.getActivation(Nd4j.zeros(DataType.DOUBLE, 1, 1), false).getDouble(0);
        return y == 0.0;
    }
}

package dev.autoprune.listener;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * Applies one updater (an ND4J {@link IUpdater}) to a vector of the search's own parameters: all groups'
 * theta, or all groups' channel scores ({@link RatioUpdaters} holds one of each). It is separate from
 * DL4J's network updater, so ratio steps never touch the weights' optimiser state and weight steps never
 * touch this one.
 */
final class RatioOptimizer {

    private final INDArray state;
    private final GradientUpdater<?> updater;

    /**
     * @param config      the updater configuration
     * @param size        the number of ratio parameters
     * @param savedState  a state vector from {@link #state()} to resume from, or null to start fresh
     * @param what        what it updates, for messages (e.g. "ratio (theta)")
     */
    RatioOptimizer(IUpdater config, int size, double[] savedState, String what) {
        long n = config.stateSize(size);
        if (savedState != null && savedState.length != n) {
            throw new IllegalArgumentException("Saved " + what + " updater state has " + savedState.length
                    + " values, expected " + n + " for " + config + " on " + size
                    + " parameters: the checkpoint belongs to a different network or updater");
        }
        // The listener may be called inside a training workspace; this state must outlive it.
        try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
            this.state = n == 0 ? null : savedState == null ? Nd4j.zeros(DataType.DOUBLE, 1, n)
                    : Nd4j.createFromArray(savedState).reshape(1, n);
            this.updater = config.instantiate(state, savedState == null);
        }
    }

    /**
     * One step: {@code params -= update(gradient)}.
     *
     * @return the new parameters
     */
    double[] step(double[] params, double[] gradient, int iteration, int epoch) {
        double[] update;
        try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
            INDArray g = Nd4j.createFromArray(gradient.clone()).reshape(1, gradient.length);
            updater.applyUpdater(g, iteration, epoch);
            update = g.toDoubleVector();
        }
        double[] out = params.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] -= update[i];
        }
        return out;
    }

    /** A copy of the updater's state (empty for stateless updaters). */
    double[] state() {
        return state == null ? new double[0] : state.toDoubleVector();
    }
}

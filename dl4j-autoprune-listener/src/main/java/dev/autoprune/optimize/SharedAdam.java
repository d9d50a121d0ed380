package dev.autoprune.optimize;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Adam with one second moment for the whole parameter vector: the first moment is kept per coordinate
 * as in Adam, but the step of every coordinate is divided by the same scalar, the root of the running
 * mean over all coordinates of {@code g_i^2}. So the step sizes keep the relative sizes of the
 * coordinates' gradients (a coordinate whose gradient is three times larger moves three times as far),
 * while the step of the vector as a whole is normalised as in Adam and does not depend on the
 * gradient's overall scale.
 *
 * <p>Why: per-coordinate Adam divides each coordinate by its own gradient size, so every coordinate
 * moves at about the learning rate whatever its gradient says. For the channel-ratio logits of a
 * pruning search that erases the information of which layer is cheap to cut (each layer's FLOPs
 * gradient), and all layers shrink in lockstep; plain SGD keeps the relative sizes but its step depends
 * on the gradient's scale, which changes by orders of magnitude over a search. This updater keeps the
 * first property of SGD and the second of Adam. Use it as the ratio updater of
 * {@code PruneSettings} ({@code .ratioUpdater(new SharedAdam(0.05))}).
 *
 * <p>Per step t (from 1): {@code m_i = b1 m_i + (1-b1) g_i}, {@code v = b2 v + (1-b2) mean_i(g_i^2)},
 * {@code update_i = lr * (m_i / (1-b1^t)) / (sqrt(v / (1-b2^t)) + eps)}. State: the n first moments,
 * then v (n + 1 values).
 *
 * <p>Reference: D. P. Kingma, J. Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015 (the
 * moments and bias correction); the shared second moment is this project's change.
 * Configuration objects are serialisable (Java and ND4J's JSON) and compare by value.
 */
public final class SharedAdam implements IUpdater {

    private static final long serialVersionUID = 1L;

    /** Default first-moment decay. */
    public static final double DEFAULT_BETA1 = 0.9;
    /** Default second-moment decay. */
    public static final double DEFAULT_BETA2 = 0.999;
    /** Default epsilon added to the root of the second moment. */
    public static final double DEFAULT_EPSILON = 1e-8;

    private double learningRate;
    private ISchedule learningRateSchedule;
    private double beta1;
    private double beta2;
    private double epsilon;

    /** For ND4J's JSON deserialisation only. */
    private SharedAdam() {
        this(0.05);
    }

    /** Learning rate {@code lr} > 0 and the default betas and epsilon. */
    public SharedAdam(double learningRate) {
        this(learningRate, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPSILON);
    }

    /**
     * @param learningRate > 0 and finite
     * @param beta1        first-moment decay in [0, 1)
     * @param beta2        second-moment decay in [0, 1)
     * @param epsilon      > 0, added to the root of the second moment
     * @throws IllegalArgumentException naming the bad value
     */
    public SharedAdam(double learningRate, double beta1, double beta2, double epsilon) {
        checkRate(learningRate);
        check(beta1 >= 0 && beta1 < 1, "beta1", beta1, "must be in [0, 1)");
        check(beta2 >= 0 && beta2 < 1, "beta2", beta2, "must be in [0, 1)");
        check(epsilon > 0 && Double.isFinite(epsilon), "epsilon", epsilon, "must be > 0 and finite");
        this.learningRate = learningRate;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    private static void checkRate(double learningRate) {
        check(learningRate > 0 && Double.isFinite(learningRate), "learningRate", learningRate, "must be > 0 and finite");
    }

    private static void check(boolean ok, String name, double value, String requirement) {
        if (!ok) {
            throw new IllegalArgumentException("SharedAdam: " + name + " " + requirement + ", found " + value);
        }
    }

    /** The fixed learning rate (used when no schedule is set). */
    public double learningRate() {
        return learningRate;
    }

    /** First-moment decay. */
    public double beta1() {
        return beta1;
    }

    /** Second-moment decay. */
    public double beta2() {
        return beta2;
    }

    /** Epsilon. */
    public double epsilon() {
        return epsilon;
    }

    @Override
    public long stateSize(long numParams) {
        return numParams + 1;
    }

    @Override
    public GradientUpdater<SharedAdam> instantiate(INDArray viewArray, boolean initializeViewArray) {
        SharedAdamUpdater u = new SharedAdamUpdater(this);
        u.setStateViewArray(viewArray, viewArray.shape(), viewArray.ordering(), initializeViewArray);
        return u;
    }

    @Override
    public GradientUpdater<SharedAdam> instantiate(Map<String, INDArray> updaterState, boolean initializeStateArrays) {
        SharedAdamUpdater u = new SharedAdamUpdater(this);
        u.setState(updaterState, initializeStateArrays);
        return u;
    }

    @Override
    public SharedAdam clone() {
        SharedAdam c = new SharedAdam(learningRate, beta1, beta2, epsilon);
        c.learningRateSchedule = learningRateSchedule == null ? null : learningRateSchedule.clone();
        return c;
    }

    @Override
    public double getLearningRate(int iteration, int epoch) {
        return learningRateSchedule != null ? learningRateSchedule.valueAt(iteration, epoch) : learningRate;
    }

    @Override
    public boolean hasLearningRate() {
        return true;
    }

    /** Sets the fixed learning rate (> 0) and a schedule that overrides it when not null (ND4J's contract). */
    @Override
    public void setLrAndSchedule(double lr, ISchedule lrSchedule) {
        checkRate(lr);
        this.learningRate = lr;
        this.learningRateSchedule = lrSchedule;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SharedAdam s && s.learningRate == learningRate && s.beta1 == beta1 && s.beta2 == beta2
                && s.epsilon == epsilon && Objects.equals(s.learningRateSchedule, learningRateSchedule);
    }

    @Override
    public int hashCode() {
        return Objects.hash(learningRate, beta1, beta2, epsilon, learningRateSchedule);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "SharedAdam(learningRate=%s, beta1=%s, beta2=%s, epsilon=%s%s)", learningRate,
                beta1, beta2, epsilon, learningRateSchedule == null ? "" : ", schedule=" + learningRateSchedule);
    }
}

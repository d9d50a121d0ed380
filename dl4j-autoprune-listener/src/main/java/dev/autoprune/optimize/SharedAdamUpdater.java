package dev.autoprune.optimize;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.GradientUpdater;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@link GradientUpdater} of {@link SharedAdam}: per-coordinate first moments {@code M} (n values)
 * and one shared second moment {@code V} (1 value), both views of the state array it is given, so that
 * the owner's copy of that array is the whole state (checkpoints save it as it is).
 */
public final class SharedAdamUpdater implements GradientUpdater<SharedAdam> {

    /** State key of the first moments. */
    public static final String M_STATE = "M";
    /** State key of the shared second moment. */
    public static final String V_STATE = "V";

    private final SharedAdam config;
    private INDArray m;
    private INDArray v;
    private char order = 'c';

    /** An updater with no state yet: give it one with {@link #setStateViewArray} or {@link #setState}. */
    public SharedAdamUpdater(SharedAdam config) {
        this.config = config;
    }

    @Override
    public SharedAdam getConfig() {
        return config;
    }

    @Override
    public void setState(Map<String, INDArray> stateMap, boolean initialize) {
        INDArray first = stateMap.get(M_STATE);
        INDArray second = stateMap.get(V_STATE);
        if (first == null || second == null || second.length() != 1) {
            throw new IllegalArgumentException("SharedAdamUpdater: the state needs '" + M_STATE + "' (one value per "
                    + "parameter) and '" + V_STATE + "' (one value), found keys " + stateMap.keySet());
        }
        this.m = first;
        this.v = second;
        if (initialize) {
            m.assign(0);
            v.assign(0);
        }
    }

    @Override
    public Map<String, INDArray> getState() {
        Map<String, INDArray> s = new LinkedHashMap<>();
        s.put(M_STATE, m);
        s.put(V_STATE, v);
        return s;
    }

    /** Takes the first {@code n} values of the view as M and the last as V ({@code n + 1} in all). */
    @Override
    public void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder, boolean initialize) {
        long size = viewArray.length();
        if (size < 2) {
            throw new IllegalArgumentException("SharedAdamUpdater: the state view must be a vector of n + 1 >= 2 "
                    + "values (n parameters), found shape " + java.util.Arrays.toString(viewArray.shape()));
        }
        INDArray flat = viewArray.reshape(size);
        this.m = flat.get(NDArrayIndex.interval(0, size - 1));
        this.v = flat.get(NDArrayIndex.interval(size - 1, size));
        this.order = gradientOrder;
        if (initialize) {
            viewArray.assign(0);
        }
    }

    /** Replaces {@code gradient} (n values, any shape) with this step's update, to be subtracted from the parameters. */
    @Override
    public void applyUpdater(INDArray gradient, int iteration, int epoch) {
        if (m == null) {
            throw new IllegalStateException("SharedAdamUpdater: no state set; use SharedAdam.instantiate(...)");
        }
        long n = m.length();
        if (gradient.length() != n) {
            throw new IllegalArgumentException("SharedAdamUpdater: gradient has " + gradient.length()
                    + " values, the state was made for " + n);
        }
        double b1 = config.beta1();
        double b2 = config.beta2();
        INDArray g = Nd4j.toFlattened(order, gradient).castTo(m.dataType()).reshape(m.shape());
        m.muli(b1).addi(g.mul(1 - b1));
        double meanSquare = g.mul(g).sumNumber().doubleValue() / n;
        double second = b2 * v.getDouble(0) + (1 - b2) * meanSquare;
        v.putScalar(0, second);
        int t = iteration + 1;
        double firstCorrection = 1 - Math.pow(b1, t);
        double secondCorrection = 1 - Math.pow(b2, t);
        double scale = config.getLearningRate(iteration, epoch)
                / (firstCorrection * (Math.sqrt(second / secondCorrection) + config.epsilon()));
        INDArray update = m.mul(scale).castTo(gradient.dataType());
        gradient.assign(update.reshape(order, gradient.shape()));
    }
}

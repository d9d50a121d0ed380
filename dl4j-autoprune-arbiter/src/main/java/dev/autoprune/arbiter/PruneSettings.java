package dev.autoprune.arbiter;

import dev.autoprune.listener.AutoPruneListener;
import org.nd4j.linalg.learning.config.Adam;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One draw of the {@link AutoPruneListener} settings from an {@link AutoPruneSpace}: an immutable,
 * serialisable value that turns into a listener builder with {@link #toListenerBuilder()}.
 *
 * <p>A {@code null} setting was not searched and keeps the listener's default. The ratio learning
 * rate becomes {@code new Adam(rate)} with DL4J's default betas and epsilon (not Arbiter's
 * {@code AdamSpace}, whose single-argument form sets beta1 = beta2 = epsilon = the rate).
 *
 * <p>Reference: B. Li, Y. Fan, Z. Pan, G. Zhang, "AutoPruning for Deep Neural Network with Dynamic
 * Channel Masking", arXiv:2010.12021 (2020).
 */
public final class PruneSettings implements Serializable {

    private static final long serialVersionUID = 1L;

    private final double targetFlops;
    private final Double lambda;
    private final Double ratioLearningRate;
    private final Double temperatureStart;
    private final Double temperatureEnd;
    private final Integer weightSteps;
    private final Integer ratioSteps;
    private final Integer warmupEpochs;
    private final Integer maxSearchEpochs;
    private final Integer fineTuneEpochs;
    private final Double tolerance;
    private final Integer patience;

    private PruneSettings(Builder b) {
        this.targetFlops = b.targetFlops;
        this.lambda = b.lambda;
        this.ratioLearningRate = b.ratioLearningRate;
        this.temperatureStart = b.temperatureStart;
        this.temperatureEnd = b.temperatureEnd;
        this.weightSteps = b.weightSteps;
        this.ratioSteps = b.ratioSteps;
        this.warmupEpochs = b.warmupEpochs;
        this.maxSearchEpochs = b.maxSearchEpochs;
        this.fineTuneEpochs = b.fineTuneEpochs;
        this.tolerance = b.tolerance;
        this.patience = b.patience;
    }

    /** Starts a builder; only the target FLOPs fraction is required. */
    public static Builder builder(double targetFlops) {
        return new Builder(targetFlops);
    }

    /**
     * A listener builder with these settings; add validation data or input types before
     * {@code build()} if the task has them.
     */
    public AutoPruneListener.Builder toListenerBuilder() {
        AutoPruneListener.Builder b = AutoPruneListener.builder().targetFlops(targetFlops);
        if (lambda != null) {
            b.lambda(lambda);
        }
        if (ratioLearningRate != null) {
            b.ratioUpdater(new Adam(ratioLearningRate));
        }
        if (temperatureStart != null) {
            b.temperature(temperatureStart, temperatureEnd);
        }
        if (weightSteps != null) {
            b.schedule(weightSteps, ratioSteps);
        }
        if (warmupEpochs != null) {
            b.warmupEpochs(warmupEpochs);
        }
        if (maxSearchEpochs != null) {
            b.maxSearchEpochs(maxSearchEpochs);
        }
        if (fineTuneEpochs != null) {
            b.fineTuneEpochs(fineTuneEpochs);
        }
        if (tolerance != null) {
            b.tolerance(tolerance);
        }
        if (patience != null) {
            b.patience(patience);
        }
        return b;
    }

    /** The target remaining FLOPs fraction T. */
    public double targetFlops() {
        return targetFlops;
    }

    /**
     * The searched settings by name, in a fixed order, for tables and result files; settings left
     * at the listener's default are absent.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("targetFlops", targetFlops);
        putIfSet(m, "lambda", lambda);
        putIfSet(m, "ratioLearningRate", ratioLearningRate);
        putIfSet(m, "temperatureStart", temperatureStart);
        putIfSet(m, "temperatureEnd", temperatureEnd);
        putIfSet(m, "weightSteps", weightSteps);
        putIfSet(m, "ratioSteps", ratioSteps);
        putIfSet(m, "warmupEpochs", warmupEpochs);
        putIfSet(m, "maxSearchEpochs", maxSearchEpochs);
        putIfSet(m, "fineTuneEpochs", fineTuneEpochs);
        putIfSet(m, "tolerance", tolerance);
        putIfSet(m, "patience", patience);
        return m;
    }

    private static void putIfSet(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PruneSettings other && toMap().equals(other.toMap());
    }

    @Override
    public int hashCode() {
        return Objects.hash(toMap());
    }

    @Override
    public String toString() {
        return "PruneSettings" + toMap();
    }

    /** Builder of {@link PruneSettings}; {@link #build()} validates through the listener's own checks. */
    public static final class Builder {
        private final double targetFlops;
        private Double lambda;
        private Double ratioLearningRate;
        private Double temperatureStart;
        private Double temperatureEnd;
        private Integer weightSteps;
        private Integer ratioSteps;
        private Integer warmupEpochs;
        private Integer maxSearchEpochs;
        private Integer fineTuneEpochs;
        private Double tolerance;
        private Integer patience;

        private Builder(double targetFlops) {
            this.targetFlops = targetFlops;
        }

        /** Penalty weight lambda (>= 0). */
        public Builder lambda(double lambda) {
            this.lambda = lambda;
            return this;
        }

        /** Learning rate of the Adam updater of the ratio logits and channel scores (> 0). */
        public Builder ratioLearningRate(double rate) {
            this.ratioLearningRate = rate;
            return this;
        }

        /** Temperature annealed from start to end over the search (0 &lt; end &lt;= start). */
        public Builder temperature(double start, double end) {
            this.temperatureStart = start;
            this.temperatureEnd = end;
            return this;
        }

        /** Weight steps : ratio steps per cycle (both >= 1). */
        public Builder schedule(int weightSteps, int ratioSteps) {
            this.weightSteps = weightSteps;
            this.ratioSteps = ratioSteps;
            return this;
        }

        /** Warm-up epochs (>= 0). */
        public Builder warmupEpochs(int epochs) {
            this.warmupEpochs = epochs;
            return this;
        }

        /** The most search epochs (>= 1). */
        public Builder maxSearchEpochs(int epochs) {
            this.maxSearchEpochs = epochs;
            return this;
        }

        /** Fine-tuning epochs with hard masks (>= 0). */
        public Builder fineTuneEpochs(int epochs) {
            this.fineTuneEpochs = epochs;
            return this;
        }

        /** Stopping tolerance on the hard FLOPs fraction, in (0, 1). */
        public Builder tolerance(double tolerance) {
            this.tolerance = tolerance;
            return this;
        }

        /** Consecutive in-tolerance checks before the search stops (>= 1). */
        public Builder patience(int checks) {
            this.patience = checks;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @throws IllegalArgumentException naming the setting and the value, as the listener's builder does
         */
        public PruneSettings build() {
            if (warmupEpochs != null && warmupEpochs < 0) {
                throw new IllegalArgumentException("PruneSettings: warmupEpochs must be >= 0, found " + warmupEpochs);
            }
            if (ratioLearningRate != null && !(ratioLearningRate > 0 && Double.isFinite(ratioLearningRate))) {
                throw new IllegalArgumentException("PruneSettings: ratioLearningRate must be > 0 and finite, found "
                        + ratioLearningRate);
            }
            PruneSettings s = new PruneSettings(this);
            try {
                s.toListenerBuilder().build();
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException("PruneSettings: " + e.getMessage(), e);
            }
            return s;
        }
    }
}

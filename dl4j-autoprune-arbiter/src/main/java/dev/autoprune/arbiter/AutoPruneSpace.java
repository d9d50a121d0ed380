package dev.autoprune.arbiter;

import dev.autoprune.arbiter.impl.RangeCheck;
import dev.autoprune.arbiter.impl.SpaceJson;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.FixedValue;

import dev.autoprune.listener.InvalidSettingException;
import dev.autoprune.listener.PruneSettings;
import org.nd4j.linalg.learning.config.Adam;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * An Arbiter parameter space over the {@code AutoPruneListener} settings: target FLOPs fraction,
 * penalty weight lambda, ratio learning rate, temperature schedule (start and end), weight:ratio
 * step schedule, warm-up, search and fine-tuning epochs, stopping tolerance and patience. Each
 * setting is any Arbiter {@code ParameterSpace} (continuous, integer, discrete or fixed); settings
 * not given keep the listener's defaults.
 *
 * <pre>{@code
 * AutoPruneSpace pruning = AutoPruneSpace.builder()
 *         .targetFlops(new ContinuousParameterSpace(0.3, 0.6))
 *         .lambda(new ContinuousParameterSpace(0.5, 4.0))
 *         .temperature(new FixedValue<>(1.0), new ContinuousParameterSpace(0.02, 0.2))
 *         .build();
 * }</pre>
 *
 * <p>{@link Builder#build()} refuses ranges that could produce an invalid draw (for example a
 * target range reaching outside (0, 1), or temperature end ranges above the start range), naming
 * the setting and the range found. Each draw becomes the listener's {@link PruneSettings}, which checks
 * it again; the ratio learning rate becomes {@code new Adam(rate)} with DL4J's default betas and epsilon
 * (not Arbiter's {@code AdamSpace}, whose single-argument form sets beta1 = beta2 = epsilon = the rate).
 *
 * <p>Reference: B. Li, Y. Fan, Z. Pan, G. Zhang, "AutoPruning for Deep Neural Network with Dynamic
 * Channel Masking", arXiv:2010.12021 (2020).
 */
public final class AutoPruneSpace extends CompositeSpace<PruneSettings> {

    private ParameterSpace<Double> targetFlops;
    private ParameterSpace<Double> lambda;
    private ParameterSpace<Double> ratioLearningRate;
    private ParameterSpace<Double> temperatureStart;
    private ParameterSpace<Double> temperatureEnd;
    private ParameterSpace<Integer> weightSteps;
    private ParameterSpace<Integer> ratioSteps;
    private ParameterSpace<Integer> warmupEpochs;
    private ParameterSpace<Integer> maxSearchEpochs;
    private ParameterSpace<Integer> fineTuneEpochs;
    private ParameterSpace<Double> tolerance;
    private ParameterSpace<Integer> patience;

    /** For Jackson. */
    private AutoPruneSpace() {
    }

    private AutoPruneSpace(Builder b) {
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

    /** Starts a builder; {@code targetFlops} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Draws the settings: the searched values over the defaults of {@link PruneSettings}. */
    @Override
    public PruneSettings getValue(double[] values) {
        Map<String, Object> v = searchedValues(values);
        PruneSettings.Builder b = PruneSettings.builder().target((Double) v.get("targetFlops"));
        drawn(v, "lambda", b::lambda);
        drawn(v, "ratioLearningRate", (Double rate) -> b.ratioUpdater(adam(rate)));
        if (v.containsKey("temperatureStart")) {
            b.temperature((Double) v.get("temperatureStart"), (Double) v.get("temperatureEnd"));
        }
        if (v.containsKey("weightSteps")) {
            b.schedule((Integer) v.get("weightSteps"), (Integer) v.get("ratioSteps"));
        }
        drawn(v, "warmupEpochs", b::warmupEpochs);
        drawn(v, "maxSearchEpochs", b::maxSearchEpochs);
        drawn(v, "fineTuneEpochs", b::fineTuneEpochs);
        drawn(v, "tolerance", b::tolerance);
        drawn(v, "patience", b::patience);
        return b.build();
    }

    /** Gives a drawn value to its setter, where the setting is searched. */
    @SuppressWarnings("unchecked")
    private static <V> void drawn(Map<String, Object> values, String name, Consumer<V> setter) {
        if (values.containsKey(name)) {
            setter.accept((V) values.get(name));
        }
    }

    /** The ratio updater of a drawn learning rate: Adam with DL4J's default betas and epsilon. */
    private static Adam adam(double rate) {
        if (!(rate > 0 && Double.isFinite(rate))) {
            throw new InvalidSettingException("ratioLearningRate", rate, "must be > 0 and finite");
        }
        return new Adam(rate);
    }

    /**
     * The drawn value of every searched setting by its name in this space (settings left at the
     * default are absent), in a fixed order: what sweep tables and result files show.
     */
    public Map<String, Object> searchedValues(double[] values) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("targetFlops", targetFlops.getValue(values));
        draw(m, "lambda", lambda, values);
        draw(m, "ratioLearningRate", ratioLearningRate, values);
        draw(m, "temperatureStart", temperatureStart, values);
        draw(m, "temperatureEnd", temperatureEnd, values);
        draw(m, "weightSteps", weightSteps, values);
        draw(m, "ratioSteps", ratioSteps, values);
        draw(m, "warmupEpochs", warmupEpochs, values);
        draw(m, "maxSearchEpochs", maxSearchEpochs, values);
        draw(m, "fineTuneEpochs", fineTuneEpochs, values);
        draw(m, "tolerance", tolerance, values);
        draw(m, "patience", patience, values);
        return m;
    }

    private static void draw(Map<String, Object> m, String name, ParameterSpace<?> space, double[] values) {
        if (space != null) {
            m.put(name, space.getValue(values));
        }
    }

    @Override
    public List<ParameterSpace> collectLeaves() {
        List<ParameterSpace> leaves = new ArrayList<>();
        for (ParameterSpace<?> s : getNestedSpaces().values()) {
            leaves.addAll(s.collectLeaves());
        }
        return leaves;
    }

    /** Reads a space written by {@link #toJson()}. */
    public static AutoPruneSpace fromJson(String json) {
        return SpaceJson.read(json, AutoPruneSpace.class);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AutoPruneSpace other && getNestedSpaces().equals(other.getNestedSpaces());
    }

    @Override
    public int hashCode() {
        return Objects.hash(getNestedSpaces());
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("AutoPruneSpace(");
        for (Map.Entry<String, ParameterSpace> e : getNestedSpaces().entrySet()) {
            sb.append(e.getKey()).append('=').append(e.getValue()).append(", ");
        }
        sb.setLength(sb.length() - 2);
        return sb.append(')').toString();
    }

    /** Builder of {@link AutoPruneSpace}; {@link #build()} refuses ranges that could draw invalid settings. */
    public static final class Builder {
        private ParameterSpace<Double> targetFlops;
        private ParameterSpace<Double> lambda;
        private ParameterSpace<Double> ratioLearningRate;
        private ParameterSpace<Double> temperatureStart;
        private ParameterSpace<Double> temperatureEnd;
        private ParameterSpace<Integer> weightSteps;
        private ParameterSpace<Integer> ratioSteps;
        private ParameterSpace<Integer> warmupEpochs;
        private ParameterSpace<Integer> maxSearchEpochs;
        private ParameterSpace<Integer> fineTuneEpochs;
        private ParameterSpace<Double> tolerance;
        private ParameterSpace<Integer> patience;

        private Builder() {
        }

        /** Target remaining FLOPs fraction T; every value must lie in (0, 1). Required. */
        public Builder targetFlops(ParameterSpace<Double> space) {
            this.targetFlops = space;
            return this;
        }

        /** A fixed target FLOPs fraction in (0, 1). */
        public Builder targetFlops(double value) {
            return targetFlops(new FixedValue<>(value));
        }

        /** Penalty weight lambda (>= 0). */
        public Builder lambda(ParameterSpace<Double> space) {
            this.lambda = space;
            return this;
        }

        /** A fixed penalty weight lambda. */
        public Builder lambda(double value) {
            return lambda(new FixedValue<>(value));
        }

        /** Learning rate of the ratio updater (Adam with default betas; > 0). */
        public Builder ratioLearningRate(ParameterSpace<Double> space) {
            this.ratioLearningRate = space;
            return this;
        }

        /** A fixed ratio learning rate. */
        public Builder ratioLearningRate(double value) {
            return ratioLearningRate(new FixedValue<>(value));
        }

        /** Temperature start and end spaces (both > 0; every end must be at most every start). */
        public Builder temperature(ParameterSpace<Double> start, ParameterSpace<Double> end) {
            this.temperatureStart = start;
            this.temperatureEnd = end;
            return this;
        }

        /** A fixed temperature schedule. */
        public Builder temperature(double start, double end) {
            return temperature(new FixedValue<>(start), new FixedValue<>(end));
        }

        /** Weight steps and ratio steps per cycle (both >= 1). */
        public Builder schedule(ParameterSpace<Integer> weightSteps, ParameterSpace<Integer> ratioSteps) {
            this.weightSteps = weightSteps;
            this.ratioSteps = ratioSteps;
            return this;
        }

        /** A fixed weight:ratio step schedule. */
        public Builder schedule(int weightSteps, int ratioSteps) {
            return schedule(new FixedValue<>(weightSteps), new FixedValue<>(ratioSteps));
        }

        /** Warm-up epochs (>= 0); default: the listener's automatic choice. */
        public Builder warmupEpochs(ParameterSpace<Integer> space) {
            this.warmupEpochs = space;
            return this;
        }

        /** Fixed warm-up epochs. */
        public Builder warmupEpochs(int value) {
            return warmupEpochs(new FixedValue<>(value));
        }

        /** The most search epochs (>= 1). */
        public Builder maxSearchEpochs(ParameterSpace<Integer> space) {
            this.maxSearchEpochs = space;
            return this;
        }

        /** Fixed maximum search epochs. */
        public Builder maxSearchEpochs(int value) {
            return maxSearchEpochs(new FixedValue<>(value));
        }

        /** Fine-tuning epochs with hard masks (>= 0). */
        public Builder fineTuneEpochs(ParameterSpace<Integer> space) {
            this.fineTuneEpochs = space;
            return this;
        }

        /** Fixed fine-tuning epochs. */
        public Builder fineTuneEpochs(int value) {
            return fineTuneEpochs(new FixedValue<>(value));
        }

        /** Stopping tolerance on the hard FLOPs fraction, in (0, 1). */
        public Builder tolerance(ParameterSpace<Double> space) {
            this.tolerance = space;
            return this;
        }

        /** A fixed stopping tolerance. */
        public Builder tolerance(double value) {
            return tolerance(new FixedValue<>(value));
        }

        /** Consecutive in-tolerance checks before the search stops (>= 1). */
        public Builder patience(ParameterSpace<Integer> space) {
            this.patience = space;
            return this;
        }

        /** A fixed patience. */
        public Builder patience(int value) {
            return patience(new FixedValue<>(value));
        }

        /**
         * Validates and builds.
         *
         * @throws IllegalArgumentException naming the setting and the range found, when a draw could be invalid
         */
        public AutoPruneSpace build() {
            if (targetFlops == null) {
                throw new IllegalArgumentException("AutoPruneSpace: targetFlops is required, e.g. "
                        + "targetFlops(new ContinuousParameterSpace(0.3, 0.7))");
            }
            pairRequired("temperatureStart", temperatureStart, "temperatureEnd", temperatureEnd);
            pairRequired("weightSteps", weightSteps, "ratioSteps", ratioSteps);
            RangeCheck check = new RangeCheck("AutoPruneSpace");
            check.open("targetFlops", targetFlops, 0, 1);
            check.atLeast("lambda", lambda, 0);
            check.above("ratioLearningRate", ratioLearningRate, 0);
            check.above("temperatureStart", temperatureStart, 0);
            check.above("temperatureEnd", temperatureEnd, 0);
            check.ordered("temperatureEnd", temperatureEnd, "temperatureStart", temperatureStart);
            check.atLeast("weightSteps", weightSteps, 1);
            check.atLeast("ratioSteps", ratioSteps, 1);
            check.atLeast("warmupEpochs", warmupEpochs, 0);
            check.atLeast("maxSearchEpochs", maxSearchEpochs, 1);
            check.atLeast("fineTuneEpochs", fineTuneEpochs, 0);
            check.open("tolerance", tolerance, 0, 1);
            check.atLeast("patience", patience, 1);
            return new AutoPruneSpace(this);
        }

        private static void pairRequired(String a, Object sa, String b, Object sb) {
            if ((sa == null) != (sb == null)) {
                throw new IllegalArgumentException("AutoPruneSpace: " + a + " and " + b + " go together; found "
                        + a + (sa == null ? " unset" : " set") + " and " + b + (sb == null ? " unset" : " set"));
            }
        }
    }
}

package dev.autoprune.listener;

import dev.autoprune.importance.ChannelImportance;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The settings of one pruning search: target cost fraction and penalty weight, the weight:ratio step
 * schedule, the epochs of each phase, the temperature schedule, the updaters of the ratio logits and of the
 * channel scores, the stopping rule and the channel importance that seeds the scores. Immutable and serialisable; the one declaration
 * that the listener's builder, the Arbiter search space and the CLI all fill, and that checkpoints
 * store so that a resumed search runs with the settings it started with.
 *
 * <pre>{@code
 * PruneSettings s = PruneSettings.builder().target(0.4).lambda(4).maxSearchEpochs(8).build();
 * AutoPruneListener pruner = AutoPruneListener.builder().settings(s).build();
 * }</pre>
 *
 * <p>{@link Builder#build()} validates every value; a bad one raises an {@link InvalidSettingException}
 * that names the setting and the value. Adding a setting means one field here, its setter and check
 * in {@link Base}, and its entry in {@link #toMap()}.
 *
 * <p>Reference: B. Li, Y. Fan, Z. Pan, G. Zhang, "AutoPruning for Deep Neural Network with Dynamic
 * Channel Masking", arXiv:2010.12021 (2020); the formulation is this project's reconstruction
 * ({@code docs/METHOD.md}).
 */
public final class PruneSettings implements Serializable {

    private static final long serialVersionUID = 1L;

    private final CostPenalty penalty;
    private final int weightSteps;
    private final int ratioSteps;
    private final int warmupEpochs;
    private final int maxSearchEpochs;
    private final TemperatureSchedule temperature;
    private final IUpdater ratioUpdater;
    /** Null only in settings deserialised from a checkpoint written before it existed (see readResolve). */
    private final IUpdater scoreUpdater;
    private final double tolerance;
    private final int patience;
    private final int fineTuneEpochs;
    private final ChannelImportance importance;
    private final int minSearchIterations;

    private PruneSettings(Base<?> b) {
        this.penalty = new CostPenalty(b.target, b.lambda, b.tolerance);
        this.weightSteps = b.weightSteps;
        this.ratioSteps = b.ratioSteps;
        this.warmupEpochs = b.warmupEpochs;
        this.maxSearchEpochs = b.maxSearchEpochs;
        this.temperature = new TemperatureSchedule(b.temperatureStart, b.temperatureEnd);
        this.ratioUpdater = b.ratioUpdater.clone();
        this.scoreUpdater = b.scoreUpdater.clone();
        this.tolerance = b.tolerance;
        this.patience = b.patience;
        this.fineTuneEpochs = b.fineTuneEpochs;
        this.importance = b.importance;
        this.minSearchIterations = b.minSearchIterations;
    }

    /** Starts a builder with the defaults listed on its setters. */
    public static Builder builder() {
        return new Builder();
    }

    /** The settings with every default. */
    public static PruneSettings defaults() {
        return builder().build();
    }

    /** A builder holding these settings, to change some of them. */
    public Builder toBuilder() {
        return builder().settings(this);
    }

    /** The target remaining cost fraction T (of FLOPs, unless the listener has another cost model). */
    public double target() {
        return penalty.target();
    }

    /** The penalty weight lambda. */
    public double lambda() {
        return penalty.lambda();
    }

    /** The penalty {@code lambda * (ln(F/A))^2} on the cost fraction, A half the tolerance below T ({@link CostPenalty#aim}). */
    public CostPenalty penalty() {
        return penalty;
    }

    /** Weight steps per cycle (N of N:M). */
    public int weightSteps() {
        return weightSteps;
    }

    /** Ratio steps per cycle (M of N:M). */
    public int ratioSteps() {
        return ratioSteps;
    }

    /** Warm-up epochs, or -1 for automatic (0 for a trained network, 1 otherwise). */
    public int warmupEpochs() {
        return warmupEpochs;
    }

    /** The most epochs the search may take. */
    public int maxSearchEpochs() {
        return maxSearchEpochs;
    }

    /** The tau schedule over the search. */
    public TemperatureSchedule temperature() {
        return temperature;
    }

    /** The updater of the ratio logits theta, one per group (a copy). */
    public IUpdater ratioUpdater() {
        return ratioUpdater.clone();
    }

    /** The updater of the channel scores (a copy). */
    public IUpdater scoreUpdater() {
        return scoreUpdater.clone();
    }

    /** The stopping tolerance on the hard cost fraction (absolute, of the full cost), below the target. */
    public double tolerance() {
        return tolerance;
    }

    /**
     * The stopping rule's test on a hard cost fraction: at or below the target and at most
     * {@code tolerance} below it ({@code T - tolerance <= hard <= T}). A fraction above the target never
     * meets it, so a search never stops by this rule with more cost than asked.
     */
    public boolean meetsTarget(double hardFraction) {
        double t = penalty.target();
        return hardFraction <= t && hardFraction >= t - tolerance;
    }

    /** Consecutive in-tolerance checks (one per cycle) before the search stops. */
    public int patience() {
        return patience;
    }

    /** Epochs of fine-tuning with hard masks. */
    public int fineTuneEpochs() {
        return fineTuneEpochs;
    }

    /** The most epochs a pruning run takes: warm-up (automatic counted as 1) + max search + fine-tune. */
    public int maxTotalEpochs() {
        return maxTotalEpochs(0);
    }

    /**
     * The fewest weight steps (iterations) the search takes, repeating short epochs (0: off, the search
     * length is {@link #maxSearchEpochs()} epochs, however short they are).
     */
    public int minSearchIterations() {
        return minSearchIterations;
    }

    /**
     * The most epochs the search takes when an epoch has {@code iterationsPerEpoch} weight steps:
     * {@link #maxSearchEpochs()}, or more when that many epochs hold fewer than {@link #minSearchIterations()}
     * steps (short epochs are then repeated).
     *
     * @param iterationsPerEpoch weight steps per epoch, or 0 when not known yet
     * @return the search epochs
     */
    public int searchEpochs(long iterationsPerEpoch) {
        if (iterationsPerEpoch <= 0 || minSearchIterations == 0) {
            return maxSearchEpochs;
        }
        long needed = (minSearchIterations + iterationsPerEpoch - 1) / iterationsPerEpoch;
        return (int) Math.max(maxSearchEpochs, needed);
    }

    /**
     * The most epochs a pruning run takes when an epoch has {@code iterationsPerEpoch} weight steps: warm-up
     * (automatic counted as 1) + {@link #searchEpochs(long)} + fine-tune.
     *
     * @param iterationsPerEpoch weight steps per epoch, or 0 when not known yet
     * @return the epochs
     */
    public int maxTotalEpochs(long iterationsPerEpoch) {
        return (warmupEpochs >= 0 ? warmupEpochs : 1) + searchEpochs(iterationsPerEpoch) + fineTuneEpochs;
    }

    /** The channel importance that seeds the channel scores when the search starts. */
    public ChannelImportance importance() {
        return importance;
    }

    /**
     * Every setting by name, in a fixed order: numbers as boxed numbers, the updaters as themselves
     * and the importance by its name. The names are those {@link InvalidSettingException#setting()}
     * reports.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("target", penalty.target());
        m.put("lambda", penalty.lambda());
        m.put("weightSteps", weightSteps);
        m.put("ratioSteps", ratioSteps);
        m.put("warmupEpochs", warmupEpochs);
        m.put("maxSearchEpochs", maxSearchEpochs);
        m.put("temperatureStart", temperature.start());
        m.put("temperatureEnd", temperature.end());
        m.put("ratioUpdater", ratioUpdater.clone());
        m.put("scoreUpdater", scoreUpdater.clone());
        m.put("tolerance", tolerance);
        m.put("patience", patience);
        m.put("fineTuneEpochs", fineTuneEpochs);
        m.put("importance", importance.name());
        m.put("minSearchIterations", minSearchIterations);
        return Collections.unmodifiableMap(m);
    }

    /**
     * The settings whose values differ, one line each as {@code name: this value vs other value}
     * (empty when the settings are equal).
     */
    public List<String> differences(PruneSettings other) {
        return SettingDifferences.between(toMap(), other.toMap());
    }

    /**
     * Settings written before the scores had their own updater used the ratio updater for both: read
     * them so (Java serialisation leaves the missing field null). A penalty written before it had an aim
     * reads with aim 0: it is rebuilt from the target, lambda and tolerance.
     */
    private Object readResolve() {
        if (scoreUpdater != null && penalty.aim() > 0) {
            return this;
        }
        return builder().settings(this).scoreUpdater(scoreUpdater != null ? scoreUpdater : ratioUpdater).build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PruneSettings other && toMap().equals(other.toMap());
    }

    @Override
    public int hashCode() {
        return toMap().hashCode();
    }

    @Override
    public String toString() {
        return "PruneSettings" + toMap();
    }

    /** The builder of {@link PruneSettings}. */
    public static final class Builder extends Base<Builder> {

        private Builder() {
        }

        /** Validates and builds; throws an {@link InvalidSettingException} naming a bad value. */
        public PruneSettings build() {
            return validated();
        }
    }

    /**
     * The setters of every setting, shared by {@link Builder} and the listener's builder (so that each
     * setting is declared once). {@code B} is the concrete builder, returned by every setter.
     *
     * @param <B> the concrete builder type
     */
    public abstract static class Base<B extends Base<B>> {
        private double target = 0.5;
        private double lambda = 2.0;
        private int weightSteps = 1;
        private int ratioSteps = 1;
        private int warmupEpochs = -1;
        private int maxSearchEpochs = 5;
        private double temperatureStart = 1.0;
        private double temperatureEnd = 0.05;
        private IUpdater ratioUpdater = new Adam(0.05);
        private IUpdater scoreUpdater = new Adam(0.05);
        private double tolerance = 0.02;
        private int patience = 20;
        private int fineTuneEpochs = 1;
        private ChannelImportance importance = ChannelImportance.bnGamma();
        private int minSearchIterations;

        Base() {
        }

        @SuppressWarnings("unchecked")
        private B self() {
            return (B) this;
        }

        /** Starts from these settings (every value), e.g. one drawn by a search space. */
        public B settings(PruneSettings s) {
            this.target = s.target();
            this.lambda = s.lambda();
            this.weightSteps = s.weightSteps;
            this.ratioSteps = s.ratioSteps;
            this.warmupEpochs = s.warmupEpochs;
            this.maxSearchEpochs = s.maxSearchEpochs;
            this.temperatureStart = s.temperature.start();
            this.temperatureEnd = s.temperature.end();
            this.ratioUpdater = s.ratioUpdater;
            this.scoreUpdater = s.scoreUpdater != null ? s.scoreUpdater : s.ratioUpdater;
            this.tolerance = s.tolerance;
            this.patience = s.patience;
            this.fineTuneEpochs = s.fineTuneEpochs;
            this.importance = s.importance;
            this.minSearchIterations = s.minSearchIterations;
            return self();
        }

        /** Target remaining cost fraction T in (0, 1) (default 0.5). */
        public B target(double target) {
            this.target = target;
            return self();
        }

        /** Penalty weight lambda >= 0 (default 2.0). */
        public B lambda(double lambda) {
            this.lambda = lambda;
            return self();
        }

        /** Weight steps : ratio steps per cycle, both >= 1 (default 1:1). */
        public B schedule(int weightSteps, int ratioSteps) {
            this.weightSteps = weightSteps;
            this.ratioSteps = ratioSteps;
            return self();
        }

        /** Warm-up epochs with identity masks, >= 0 (default: 0 for a network that has trained, 1 otherwise). */
        public B warmupEpochs(int epochs) {
            this.warmupEpochs = epochs;
            return self();
        }

        /** The most epochs of search, >= 1 (default 5). */
        public B maxSearchEpochs(int epochs) {
            this.maxSearchEpochs = epochs;
            return self();
        }

        /** Temperature annealed geometrically from start to end over the search, 0 &lt; end &lt;= start (default 1.0 -> 0.05). */
        public B temperature(double start, double end) {
            this.temperatureStart = start;
            this.temperatureEnd = end;
            return self();
        }

        /**
         * Updater of the ratio logits theta, one per group (default Adam, learning rate 0.05). Per-coordinate
         * Adam moves every group's theta at about the same rate whatever its cost gradient;
         * {@link dev.autoprune.optimize.SharedAdam} keeps the groups' relative gradient sizes.
         */
        public B ratioUpdater(IUpdater updater) {
            this.ratioUpdater = updater;
            return self();
        }

        /** Updater of the channel scores (default Adam, learning rate 0.05). */
        public B scoreUpdater(IUpdater updater) {
            this.scoreUpdater = updater;
            return self();
        }

        /** Stop when the hard cost fraction is at or below the target by at most this, in (0, 1) (default 0.02)... */
        public B tolerance(double tolerance) {
            this.tolerance = tolerance;
            return self();
        }

        /** ...for this many consecutive checks, one per weight/ratio cycle, >= 1 (default 20). */
        public B patience(int checks) {
            this.patience = checks;
            return self();
        }

        /** Epochs of fine-tuning with hard masks after the search, >= 0 (default 1). */
        public B fineTuneEpochs(int epochs) {
            this.fineTuneEpochs = epochs;
            return self();
        }

        /**
         * Schedule the search in iterations as well as epochs: it takes at least this many weight steps
         * (iterations), repeating short epochs beyond {@link #maxSearchEpochs(int)} when they hold fewer, and
         * anneals tau over that length; the stopping rule can still end it earlier. For small data sets, whose
         * few iterations per epoch would end the search before the ratios move (default 0: off).
         */
        public B minSearchIterations(int iterations) {
            this.minSearchIterations = iterations;
            return self();
        }

        /** The channel importance that seeds the channel scores when the search starts (default bn-gamma). */
        public B importance(ChannelImportance importance) {
            this.importance = importance;
            return self();
        }

        /** Checks every value and builds the settings. */
        final PruneSettings validated() {
            check(target > 0 && target < 1, "target", target, "must be in (0, 1)");
            check(lambda >= 0 && !Double.isInfinite(lambda), "lambda", lambda, "must be >= 0 and finite");
            check(weightSteps >= 1, "weightSteps", weightSteps, "must be >= 1");
            check(ratioSteps >= 1, "ratioSteps", ratioSteps, "must be >= 1");
            check(warmupEpochs >= -1, "warmupEpochs", warmupEpochs, "must be >= 0");
            check(maxSearchEpochs >= 1, "maxSearchEpochs", maxSearchEpochs, "must be >= 1");
            check(fineTuneEpochs >= 0, "fineTuneEpochs", fineTuneEpochs, "must be >= 0");
            check(patience >= 1, "patience", patience, "must be >= 1");
            check(minSearchIterations >= 0, "minSearchIterations", minSearchIterations, "must be >= 0");
            check(temperatureStart > 0 && !Double.isInfinite(temperatureStart), "temperatureStart", temperatureStart,
                    "must be > 0 and finite");
            check(temperatureEnd > 0 && temperatureEnd <= temperatureStart, "temperatureEnd", temperatureEnd,
                    "must be in (0, temperatureStart=" + temperatureStart + "]");
            Objects.requireNonNull(ratioUpdater, "ratioUpdater must not be null");
            Objects.requireNonNull(scoreUpdater, "scoreUpdater must not be null");
            check(tolerance > 0 && tolerance < 1, "tolerance", tolerance, "must be in (0, 1)");
            Objects.requireNonNull(importance, "importance must not be null");
            return new PruneSettings(this);
        }

        private static void check(boolean ok, String setting, Object value, String requirement) {
            if (!ok) {
                throw new InvalidSettingException(setting, value, requirement);
            }
        }
    }
}

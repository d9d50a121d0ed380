package dev.autoprune.listener;

import dev.autoprune.flops.FlopsModel;
import dev.autoprune.graph.ChannelGroups;
import dev.autoprune.importance.ChannelImportance;
import dev.autoprune.layers.MaskMode;
import dev.autoprune.layers.MaskedLayer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.dataset.adapter.MultiDataSetIteratorAdapter;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The training callback that prunes: add it to an ordinary {@code fit()} loop of a network made
 * prunable by {@code AutoPrune.prunable(...)} and it searches each channel group's remaining ratio
 * under a FLOPs budget, then hardens the masks and fine-tunes.
 *
 * <pre>{@code
 * AutoPruneListener pruner = AutoPruneListener.builder().targetFlops(0.5).build();
 * net.addListeners(pruner);
 * while (!pruner.isDone()) net.fit(trainIter);
 * MultiLayerNetwork small = ChannelPruner.compact(net);
 * }</pre>
 *
 * <p>Each {@code fit} iteration is a <em>weight step</em>: DL4J's updater trains weights, biases and
 * BatchNormalization parameters from the task loss; the mask parameters get zero gradients and a
 * NoOp updater, so they stay bit-for-bit unchanged. After every {@code weightSteps} weight steps the
 * listener takes {@code ratioSteps} <em>ratio steps</em>: a forward/backward pass (on a held-out
 * batch when validation data is given, else on the current training batch) that updates only the
 * ratio logits and channel scores with its own updater (Adam by default) from
 * {@code L_task + lambda * (ln(F/T))^2}; no weight, bias or BatchNormalization value moves, since
 * DL4J's updater is not run. Gradients from DL4J are minibatch sums and are divided by the minibatch
 * size, so lambda weighs the penalty against the <em>mean</em> task loss. Phases: WARMUP (identity
 * masks) -> SEARCH (soft masks, tau annealed geometrically) -> FINE_TUNE (hard masks, frozen
 * ratios) -> DONE. Epoch-based phase changes happen at the end of an epoch, so train with
 * {@code fit(DataSetIterator)} or {@code fit(MultiDataSetIterator)}.
 *
 * <p>Reference: B. Li, Y. Fan, Z. Pan, G. Zhang, "AutoPruning for Deep Neural Network with Dynamic
 * Channel Masking", arXiv:2010.12021 (2020); the formulation is this project's reconstruction
 * ({@code docs/METHOD.md}).
 */
public final class AutoPruneListener extends BaseTrainingListener {

    private static final Logger log = LoggerFactory.getLogger(AutoPruneListener.class);
    /** Key of the listener state inside a ModelSerializer zip. */
    public static final String CHECKPOINT_KEY = "autoprune-listener-state";

    private final Settings settings;
    private final MultiDataSetIterator validation;

    private PruneState state = new PruneState();
    private final List<SearchRecord> history = new ArrayList<>();

    private transient Model boundModel;
    private transient NetworkAdapter net;
    private transient FlopsModel flops;
    private transient ChannelGroups channelGroups;
    private transient TiedMasks masks;
    private transient RatioOptimizer optimizer;
    private transient boolean inRatioStep;

    private AutoPruneListener(Settings settings, MultiDataSetIterator validation) {
        this.settings = settings;
        this.validation = validation;
    }

    /** Starts a builder with the defaults of {@link Builder}. */
    public static Builder builder() {
        return new Builder();
    }

    // ------------------------------------------------------------------ queries

    /** The current phase. */
    public Phase phase() {
        return state.phase;
    }

    /** Whether pruning has finished (phase DONE): compact the network now. */
    public boolean isDone() {
        return state.phase == Phase.DONE;
    }

    /** The validated settings. */
    public Settings settings() {
        return settings;
    }

    /** The search history, one record per block of ratio steps (and one per epoch end). */
    public List<SearchRecord> history() {
        return Collections.unmodifiableList(history);
    }

    /** Per group, how often a channel entered or left the hard kept set during the search. */
    public Map<String, Integer> membershipChanges() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(state.membershipChanges));
    }

    /** The current temperature tau (the start value before the search). */
    public double temperature() {
        return state.tau > 0 ? state.tau : settings.temperature().start();
    }

    /** Ratio steps taken so far. */
    public long ratioSteps() {
        return state.ratioSteps;
    }

    /**
     * The most epochs a fit loop needs before {@link #isDone()}: warm-up + max search + fine-tune
     * (warm-up counted as 1 when left to the automatic choice).
     */
    public int maxTotalEpochs() {
        int warm = settings.warmupEpochs() >= 0 ? settings.warmupEpochs() : 1;
        return warm + settings.maxSearchEpochs() + settings.fineTuneEpochs();
    }

    // ------------------------------------------------------------------ DL4J hooks

    @Override
    public void onEpochStart(Model model) {
        bind(model);
    }

    @Override
    public void onForwardPass(Model model, java.util.List<org.nd4j.linalg.api.ndarray.INDArray> activations) {
        if (!inRatioStep) {
            bind(model);
        }
    }

    @Override
    public void onForwardPass(Model model, Map<String, org.nd4j.linalg.api.ndarray.INDArray> activations) {
        if (!inRatioStep) {
            bind(model);
        }
    }

    @Override
    public void onGradientCalculation(Model model) {
        if (inRatioStep || !bind(model)) {
            return;
        }
        if (state.phase == Phase.SEARCH) {
            // Report L_task + lambda * P, as the method's loss; the weight step itself uses L_task only.
            double p = settings.penalty().value(flops.fraction(softRatios()));
            checkFinite(p, "the FLOPs penalty");
            net.setScore(net.score() + p);
        }
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        if (inRatioStep || !bind(model)) {
            return;
        }
        state.iterationsThisEpoch++;
        if (state.phase != Phase.SEARCH) {
            return;
        }
        state.searchIterations++;
        state.weightStepsInCycle++;
        if (state.weightStepsInCycle >= settings.weightSteps()) {
            state.weightStepsInCycle = 0;
            for (int i = 0; i < settings.ratioSteps(); i++) {
                ratioStep(iteration, epoch);
            }
            updateTemperature();
            checkConvergence(iteration);
        }
    }

    @Override
    public void onEpochEnd(Model model) {
        if (!bind(model)) {
            return;
        }
        state.iterationsPerEpoch = state.iterationsThisEpoch;
        state.iterationsThisEpoch = 0;
        if (state.phaseStartedMidEpoch) {
            state.phaseStartedMidEpoch = false;
        } else {
            state.epochsInPhase++;
        }
        logEpoch();
        switch (state.phase) {
            case WARMUP -> {
                if (state.epochsInPhase >= state.warmupEpochs) {
                    startSearch(false);
                }
            }
            case SEARCH -> {
                if (state.epochsInPhase >= settings.maxSearchEpochs()) {
                    log.info("AutoPrune: maximum search epochs ({}) reached", settings.maxSearchEpochs());
                    harden(false);
                }
            }
            case FINE_TUNE -> {
                if (state.epochsInPhase >= settings.fineTuneEpochs()) {
                    enter(Phase.DONE, false);
                }
            }
            case DONE -> { }
        }
    }

    // ------------------------------------------------------------------ set-up

    /**
     * Binds the listener to the network at the first callback that can see the input shape (the
     * first forward pass, before any update, unless input types were given), validating the set-up.
     *
     * @return whether the listener is bound
     */
    private boolean bind(Model model) {
        if (model == boundModel) {
            return true;
        }
        if (boundModel != null) {
            throw new IllegalStateException("This AutoPruneListener is already attached to another network; "
                    + "build one listener per network.");
        }
        NetworkAdapter adapter = NetworkAdapter.of(model);
        Map<String, MaskedLayer> found = adapter.maskedLayers();
        if (found.isEmpty()) {
            throw new IllegalStateException("AutoPruneListener: the network has no channel masks. Make it prunable "
                    + "first with AutoPrune.prunable(...), or use ChannelMaskLayer / MaskedConvolutionLayer.");
        }
        ChannelGroups groups0;
        try {
            groups0 = channelGroups(model, settings.inputTypes());
        } catch (IllegalArgumentException e) {
            if (settings.inputTypes() == null && adapter.currentInputTypes() == null) {
                return false; // input type not in the configuration and no batch seen yet: bind at the first forward pass
            }
            throw e;
        }
        groups0.validate(); // misplaced masks, untied settings, blocked groups: refuse before any training
        FlopsModel model0 = FlopsModel.of(groups0);
        if (settings.penalty().target() < model0.minimumFraction()) {
            throw new IllegalStateException(String.format(Locale.ROOT, "AutoPruneListener: targetFlops %.4f is below "
                    + "%.4f, the FLOPs fraction left when every group is at its minChannels. Raise the target or lower "
                    + "minChannels.", settings.penalty().target(), model0.minimumFraction()));
        }
        Map<String, List<MaskedLayer>> byGroup = new LinkedHashMap<>();
        for (String g : model0.groupIds()) {
            List<MaskedLayer> tied = new ArrayList<>();
            for (String name : model0.maskNames(g)) {
                MaskedLayer m = found.get(name);
                if (m == null) {
                    throw new IllegalStateException("AutoPruneListener: group '" + g + "' names mask layer '" + name
                            + "', which the network does not have");
                }
                tied.add(m);
            }
            byGroup.put(g, Collections.unmodifiableList(tied));
        }
        this.boundModel = model;
        this.net = adapter;
        this.flops = model0;
        this.channelGroups = groups0;
        this.masks = new TiedMasks(byGroup);
        if (state.warmupEpochs < 0) {
            // Automatic warm-up: none for a network that has trained already, one epoch otherwise.
            int iterations = model instanceof MultiLayerNetwork m ? m.getIterationCount()
                    : ((ComputationGraph) model).getIterationCount();
            state.warmupEpochs = settings.warmupEpochs() >= 0 ? settings.warmupEpochs() : iterations > 0 ? 0 : 1;
            // tau is annealed over the search's iterations; before the first epoch ends their number per
            // epoch is unknown, so estimate it from the network's own history when it has one.
            int epochs = model instanceof MultiLayerNetwork m ? m.getEpochCount()
                    : ((ComputationGraph) model).getEpochCount();
            if (epochs > 0 && iterations > 0) {
                state.iterationsPerEpoch = iterations / epochs;
            }
            log.info("AutoPrune: {} groups, {} masks, full FLOPs {}, target {}; warm-up {} epoch(s)",
                    masks.groupIds().size(), masks.maskCount(), flops.fullFlops(), settings.penalty().target(), state.warmupEpochs);
            if (state.warmupEpochs == 0) {
                startSearch(false); // binding happens in the first iteration, so this epoch counts
            } else {
                applyPhaseToMasks();
            }
        } else {
            // Resumed from a checkpoint: rebuild the optimiser from its saved state.
            if (state.optimizerState != null) {
                optimizer = new RatioOptimizer(settings.ratioUpdater(), masks.parameterCount(), state.optimizerState);
            }
            applyPhaseToMasks();
        }
        return true;
    }

    /** The channel groups, from the given input types or else from the configuration or the current batch. */
    private static ChannelGroups channelGroups(Model model, InputType[] types) {
        if (model instanceof MultiLayerNetwork m) {
            return types == null ? ChannelGroups.of(m) : ChannelGroups.of(m, types[0]);
        }
        ComputationGraph g = (ComputationGraph) model;
        return types == null ? ChannelGroups.of(g) : ChannelGroups.of(g, types);
    }

    // ------------------------------------------------------------------ phases

    private void enter(Phase phase, boolean midEpoch) {
        log.info("AutoPrune: phase {} -> {}", state.phase, phase);
        state.phase = phase;
        state.epochsInPhase = 0;
        state.phaseStartedMidEpoch = midEpoch;
        applyPhaseToMasks();
    }

    private void startSearch(boolean midEpoch) {
        for (String g : masks.groupIds()) {
            masks.setScores(g, ChannelImportance.standardised(ChannelImportance.bnGamma().of(net.model(), channelGroups, g)));
            state.lastKept.put(g, masks.first(g).hardKeptIndices());
            state.membershipChanges.put(g, 0);
        }
        optimizer = new RatioOptimizer(settings.ratioUpdater(), masks.parameterCount(), null);
        state.optimizerState = optimizer.state();
        state.tau = settings.temperature().start();
        enter(Phase.SEARCH, midEpoch);
    }

    private void harden(boolean midEpoch) {
        if (settings.fineTuneEpochs() > 0) {
            enter(Phase.FINE_TUNE, midEpoch);
        } else {
            enter(Phase.DONE, midEpoch);
        }
        log.info("AutoPrune: hardened at FLOPs fraction {} (target {}); kept channels {}",
                fmt(hardFraction()), settings.penalty().target(), hardCounts());
    }

    /** Puts mode, temperature and learnability of every mask in line with the phase. */
    private void applyPhaseToMasks() {
        MaskMode mode = switch (state.phase) {
            case WARMUP -> MaskMode.IDENTITY;
            case SEARCH -> MaskMode.SOFT;
            case FINE_TUNE, DONE -> MaskMode.HARD;
        };
        masks.configure(mode, state.tau);
    }

    // ------------------------------------------------------------------ ratio step

    private void ratioStep(int iteration, int epoch) {
        inRatioStep = true;
        double savedScore = net.score();
        MultiDataSet batch = nextValidationBatch();
        try {
            masks.setLearnable(true);
            if (batch != null) {
                net.useBatch(batch);
            }
            net.computeGradientAndScore();
            double taskLoss = net.score();
            double n = net.minibatchSize();

            Map<String, Double> ratios = masks.ratios();
            double fraction = flops.fraction(ratios);
            double dPdF = settings.penalty().derivative(fraction);
            double[] grads = masks.gradient(n, dPdF, flops.fractionGradient(ratios));
            masks.requireFinite(grads, "gradient");
            masks.setParameters(optimizer.step(masks.parameters(), grads, (int) state.ratioSteps, epoch));
            for (String g : masks.groupIds()) {
                countMembership(g, masks.first(g).hardKeptIndices());
            }
            state.optimizerState = optimizer.state();
            state.ratioSteps++;
            Map<String, Double> after = masks.ratios();
            double soft = flops.fraction(after);
            history.add(new SearchRecord(iteration, state.phase, after, hardCounts(), soft, hardFraction(),
                    settings.penalty().value(soft), state.tau, taskLoss));
        } finally {
            masks.setLearnable(false);
            if (batch != null) {
                net.restoreBatch();
            }
            net.setScore(savedScore);
            inRatioStep = false;
        }
    }

    private MultiDataSet nextValidationBatch() {
        if (validation == null) {
            return null;
        }
        if (!validation.hasNext()) {
            validation.reset();
            if (!validation.hasNext()) {
                throw new IllegalStateException("AutoPruneListener: the validation iterator is empty after reset()");
            }
        }
        return validation.next();
    }

    private void countMembership(String group, int[] kept) {
        int[] before = state.lastKept.get(group);
        if (before != null && !Arrays.equals(before, kept)) {
            int changed = symmetricDifference(before, kept);
            state.membershipChanges.merge(group, changed, Integer::sum);
        }
        state.lastKept.put(group, kept);
    }

    private static int symmetricDifference(int[] a, int[] b) {
        int i = 0;
        int j = 0;
        int diff = 0;
        while (i < a.length || j < b.length) {
            if (j >= b.length || (i < a.length && a[i] < b[j])) {
                diff++;
                i++;
            } else if (i >= a.length || b[j] < a[i]) {
                diff++;
                j++;
            } else {
                i++;
                j++;
            }
        }
        return diff;
    }

    private void updateTemperature() {
        long perEpoch = state.iterationsPerEpoch;
        double progress = perEpoch > 0 ? (double) state.searchIterations / (perEpoch * (double) settings.maxSearchEpochs())
                : 0.0;
        state.tau = settings.temperature().at(progress);
        masks.setTemperature(state.tau);
    }

    private void checkConvergence(int iteration) {
        double hard = hardFraction();
        if (Math.abs(hard - settings.penalty().target()) <= settings.tolerance()) {
            state.stableChecks++;
        } else {
            state.stableChecks = 0;
        }
        if (state.stableChecks >= settings.patience()) {
            log.info("AutoPrune: hard FLOPs fraction {} within {} of the target for {} checks (iteration {})",
                    fmt(hard), settings.tolerance(), state.stableChecks, iteration);
            harden(true);
        }
    }

    // ------------------------------------------------------------------ read-outs

    private Map<String, Double> softRatios() {
        return masks.ratios();
    }

    private Map<String, Integer> hardCounts() {
        return masks.hardCounts();
    }

    /** The FLOPs fraction under the hard masks (valid once the listener has seen the network). */
    public double hardFraction() {
        requireBound();
        return flops.hardFraction(hardCounts());
    }

    /** The expected FLOPs fraction under the soft ratios. */
    public double softFraction() {
        requireBound();
        return flops.fraction(softRatios());
    }

    /** Per group id, the current soft remaining ratio. */
    public Map<String, Double> ratios() {
        requireBound();
        return Collections.unmodifiableMap(softRatios());
    }

    /** Per group id, the current hard kept channel count. */
    public Map<String, Integer> keptChannels() {
        requireBound();
        return Collections.unmodifiableMap(hardCounts());
    }

    private void requireBound() {
        if (net == null) {
            throw new IllegalStateException("AutoPruneListener has not seen a network yet: add it with "
                    + "net.addListeners(listener) and call fit(...)");
        }
    }

    private void logEpoch() {
        if (!log.isInfoEnabled()) {
            return;
        }
        StringBuilder groups = new StringBuilder();
        Map<String, Double> r = softRatios();
        Map<String, Integer> k = hardCounts();
        for (String g : masks.groupIds()) {
            groups.append(String.format(Locale.ROOT, " %s: r=%.3f kept=%d/%d;", g, r.get(g), k.get(g),
                    masks.first(g).channels()));
        }
        log.info("AutoPrune epoch end [{}]: soft FLOPs {} hard FLOPs {} target {} tau {} |{}", state.phase,
                fmt(flops.fraction(r)), fmt(flops.hardFraction(k)), settings.penalty().target(), fmt(temperature()),
                groups);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    private static void checkFinite(double v, String what) {
        if (!Double.isFinite(v)) {
            throw new IllegalStateException("AutoPruneListener: " + what + " became " + v
                    + ". Lower the ratio learning rate or lambda, or check the data for NaN/Inf.");
        }
    }

    // ------------------------------------------------------------------ checkpoints

    /**
     * Saves the network with its updater (stock {@link ModelSerializer}) and this listener's state in
     * the same zip, so that {@link #restoreCheckpoint(File)} can resume mid-search.
     */
    public void writeCheckpoint(Model model, File file) throws IOException {
        ModelSerializer.writeModel(model, file, true);
        ModelSerializer.addObjectToFile(file, CHECKPOINT_KEY, state);
    }

    /**
     * Restores this (freshly built, not yet used) listener's state from a zip written by
     * {@link #writeCheckpoint}. Restore the network from the same file with ModelSerializer (with
     * its updater) and add this listener to it.
     */
    public void restoreCheckpoint(File file) {
        if (boundModel != null) {
            throw new IllegalStateException("restoreCheckpoint must be called before the listener is used");
        }
        PruneState restored;
        try {
            restored = ModelSerializer.getObjectFromFile(file, CHECKPOINT_KEY);
        } catch (IllegalStateException e) {
            restored = null;
        }
        if (restored == null) {
            throw new IllegalArgumentException("No AutoPruneListener state in " + file
                    + "; was it written with AutoPruneListener.writeCheckpoint?");
        }
        this.state = restored;
    }

    // ------------------------------------------------------------------ settings

    /**
     * The validated, immutable settings of a listener.
     *
     * @param penalty         target FLOPs fraction T and weight lambda
     * @param weightSteps     weight steps per cycle (N of N:M)
     * @param ratioSteps      ratio steps per cycle (M of N:M)
     * @param warmupEpochs    warm-up epochs, or -1 for automatic (0 for a trained network, 1 otherwise)
     * @param maxSearchEpochs the most epochs the search may take
     * @param temperature     the tau schedule over the search
     * @param ratioUpdater    the updater for ratio logits and scores
     * @param tolerance       the stopping tolerance on the hard FLOPs fraction (absolute, of full FLOPs)
     * @param patience        consecutive in-tolerance checks (one per cycle) before the search stops
     * @param fineTuneEpochs  epochs of fine-tuning with hard masks
     * @param inputTypes      the network's input types for the FLOPs model, or null to read them off the first batch
     */
    public record Settings(FlopsPenalty penalty, int weightSteps, int ratioSteps, int warmupEpochs,
                           int maxSearchEpochs, TemperatureSchedule temperature, IUpdater ratioUpdater,
                           double tolerance, int patience, int fineTuneEpochs, InputType[] inputTypes) {
    }

    /** Builder of {@link AutoPruneListener}; {@link #build()} validates every value and names the bad one. */
    public static final class Builder {
        private double targetFlops = 0.5;
        private double lambda = 2.0;
        private int weightSteps = 1;
        private int ratioSteps = 1;
        private MultiDataSetIterator validation;
        private int warmupEpochs = -1;
        private int maxSearchEpochs = 5;
        private double tauStart = 1.0;
        private double tauEnd = 0.05;
        private IUpdater ratioUpdater = new Adam(0.05);
        private double tolerance = 0.02;
        private int patience = 20;
        private int fineTuneEpochs = 1;
        private InputType[] inputTypes;

        private Builder() {
        }

        /** Target remaining FLOPs fraction T in (0, 1) (default 0.5). */
        public Builder targetFlops(double target) {
            this.targetFlops = target;
            return this;
        }

        /** Penalty weight lambda >= 0 (default 2.0). */
        public Builder lambda(double lambda) {
            this.lambda = lambda;
            return this;
        }

        /** Weight steps : ratio steps per cycle (default 1:1). */
        public Builder schedule(int weightSteps, int ratioSteps) {
            this.weightSteps = weightSteps;
            this.ratioSteps = ratioSteps;
            return this;
        }

        /** Held-out data for the ratio steps (the bi-level form); default: the current training batch. */
        public Builder validationData(DataSetIterator iterator) {
            this.validation = iterator == null ? null : new MultiDataSetIteratorAdapter(iterator);
            return this;
        }

        /** Held-out data for the ratio steps, for a ComputationGraph with several inputs or outputs. */
        public Builder validationData(MultiDataSetIterator iterator) {
            this.validation = iterator;
            return this;
        }

        /** Warm-up epochs with identity masks (default: 0 for a network that has trained, 1 otherwise). */
        public Builder warmupEpochs(int epochs) {
            this.warmupEpochs = epochs;
            return this;
        }

        /** The most epochs of search (default 5). */
        public Builder maxSearchEpochs(int epochs) {
            this.maxSearchEpochs = epochs;
            return this;
        }

        /** Temperature annealed geometrically from start to end over the search (default 1.0 -> 0.05). */
        public Builder temperature(double start, double end) {
            this.tauStart = start;
            this.tauEnd = end;
            return this;
        }

        /** Updater of the ratio logits and channel scores (default Adam, learning rate 0.05). */
        public Builder ratioUpdater(IUpdater updater) {
            this.ratioUpdater = updater;
            return this;
        }

        /** Stop when the hard FLOPs fraction is within this of the target (default 0.02)... */
        public Builder tolerance(double tolerance) {
            this.tolerance = tolerance;
            return this;
        }

        /** ...for this many consecutive checks, one per weight/ratio cycle (default 20). */
        public Builder patience(int checks) {
            this.patience = checks;
            return this;
        }

        /** Epochs of fine-tuning with hard masks after the search (default 1). */
        public Builder fineTuneEpochs(int epochs) {
            this.fineTuneEpochs = epochs;
            return this;
        }

        /**
         * The network's input types, one per network input (default: read off the first training
         * batch, e.g. {@code [mb, 1, 28, 28]} is {@code InputType.convolutional(28, 28, 1)}). Give them
         * when the network takes flattened images, which a batch shape cannot tell apart from dense input.
         */
        public Builder inputTypes(InputType... types) {
            this.inputTypes = types == null || types.length == 0 ? null : types.clone();
            return this;
        }

        /** Validates and builds. */
        public AutoPruneListener build() {
            FlopsPenalty penalty = new FlopsPenalty(targetFlops, lambda);
            requireAtLeast("weightSteps", weightSteps, 1);
            requireAtLeast("ratioSteps", ratioSteps, 1);
            if (warmupEpochs < -1) {
                throw new IllegalArgumentException("warmupEpochs must be >= 0, found " + warmupEpochs);
            }
            requireAtLeast("maxSearchEpochs", maxSearchEpochs, 1);
            requireAtLeast("fineTuneEpochs", fineTuneEpochs, 0);
            requireAtLeast("patience", patience, 1);
            TemperatureSchedule tau = new TemperatureSchedule(tauStart, tauEnd);
            Objects.requireNonNull(ratioUpdater, "ratioUpdater must not be null");
            if (!(tolerance > 0 && tolerance < 1)) {
                throw new IllegalArgumentException("tolerance must be in (0, 1), found " + tolerance);
            }
            return new AutoPruneListener(new Settings(penalty, weightSteps, ratioSteps, warmupEpochs, maxSearchEpochs,
                    tau, ratioUpdater.clone(), tolerance, patience, fineTuneEpochs, inputTypes), validation);
        }

        private static void requireAtLeast(String name, int value, int min) {
            if (value < min) {
                throw new IllegalArgumentException(name + " must be >= " + min + ", found " + value);
            }
        }
    }
}

package dev.autoprune.listener;

import dev.autoprune.cost.CostModel;
import dev.autoprune.cost.LatencyModel;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.adapter.MultiDataSetIteratorAdapter;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The training callback that prunes: add it to an ordinary {@code fit()} loop of a network made
 * prunable by {@code AutoPrune.prunable(...)} and it searches each channel group's remaining ratio
 * under a cost budget (FLOPs by default), then hardens the masks and fine-tunes.
 *
 * <pre>{@code
 * AutoPruneListener pruner = AutoPruneListener.builder().targetFlops(0.5).build();
 * net.addListeners(pruner);
 * while (!pruner.isDone()) net.fit(trainIter);
 * MultiLayerNetwork small = ChannelPruner.compact(net);
 * }</pre>
 *
 * <p>Each {@code fit} iteration is a weight step; every {@code weightSteps} of them are followed by
 * {@code ratioSteps} ratio steps ({@code RatioStep}) on {@code L_task + lambda * (ln(F/T))^2}, {@code F}
 * being the {@link CostModel}'s fraction; phases WARMUP -> SEARCH -> FINE_TUNE -> DONE change at epoch ends
 * ({@code PhaseController}; METHOD.md, section 5), so train with {@code fit(DataSetIterator)} or
 * {@code fit(MultiDataSetIterator)}. Settings are one {@link PruneSettings}; input types come from the masks.
 *
 * <p>Reference: B. Li, Y. Fan, Z. Pan, G. Zhang, "AutoPruning for Deep Neural Network with Dynamic
 * Channel Masking", arXiv:2010.12021 (2020); the formulation is this project's reconstruction
 * ({@code docs/METHOD.md}).
 */
public final class AutoPruneListener extends BaseTrainingListener {

    /** Key of the listener state inside a ModelSerializer zip. */
    public static final String CHECKPOINT_KEY = "autoprune-listener-state";

    private final PruneSettings settings;
    private final CostChoice cost;
    private final InputType[] inputTypes;
    private final MultiDataSetIterator validation;

    private PruneState state = new PruneState();
    private final List<SearchRecord> history = new ArrayList<>();

    private BoundNetwork bound;
    private RatioStep ratioStep;
    private PhaseController phases;

    private AutoPruneListener(Builder b, PruneSettings settings, CostChoice cost) {
        this.settings = settings;
        this.cost = cost;
        this.inputTypes = b.inputTypes;
        this.validation = b.validation;
    }

    /** Starts a builder with the defaults of {@link PruneSettings}. */
    public static Builder builder() {
        return new Builder();
    }

    /** The current phase. */
    public Phase phase() {
        return state.phase;
    }

    /** Whether pruning has finished (phase DONE): compact the network now. */
    public boolean isDone() {
        return state.phase == Phase.DONE;
    }

    /** The validated settings. */
    public PruneSettings settings() {
        return settings;
    }

    /** The search history, one record per ratio step (restored from a checkpoint with the state). */
    public List<SearchRecord> history() {
        return Collections.unmodifiableList(history);
    }

    /** Per group, how often a channel entered or left the hard kept set during the search. */
    public Map<String, Integer> membershipChanges() {
        return new MembershipTracker(state).changes();
    }

    /** The current temperature tau (the start value before the search). */
    public double temperature() {
        return state.tau > 0 ? state.tau : settings.temperature().start();
    }

    /** Ratio steps taken so far. */
    public long ratioSteps() {
        return state.ratioSteps;
    }

    /** The most epochs before {@link #isDone()} (automatic warm-up as 1); may grow after an epoch, see minSearchIterations. */
    public int maxTotalEpochs() {
        return settings.maxTotalEpochs(state.iterationsPerEpoch);
    }

    /** The cost fraction under the hard masks (valid once the listener has seen the network). */
    public double hardFraction() {
        return requireBound().hardFraction();
    }

    /** The expected cost fraction under the soft ratios. */
    public double softFraction() {
        return requireBound().softFraction();
    }

    /** Per group id, the current soft remaining ratio. */
    public Map<String, Double> ratios() {
        return Collections.unmodifiableMap(requireBound().ratios());
    }

    /** Per group id, the current hard kept channel count. */
    public Map<String, Integer> keptChannels() {
        return Collections.unmodifiableMap(requireBound().keptChannels());
    }

    /** The cost model in use (valid once the listener has seen the network). */
    public CostModel costModel() {
        return requireBound().cost;
    }

    private BoundNetwork requireBound() {
        if (bound == null) {
            throw new IllegalStateException("AutoPruneListener has not seen a network yet: add it with "
                    + "net.addListeners(listener) and call fit(...)");
        }
        return bound;
    }

    // ------------------------------------------------------------------ DL4J hooks

    @Override
    public void onEpochStart(Model model) {
        bind(model);
    }

    @Override
    public void onForwardPass(Model model, List<INDArray> activations) {
        ready(model);
    }

    @Override
    public void onForwardPass(Model model, Map<String, INDArray> activations) {
        ready(model);
    }

    @Override
    public void onGradientCalculation(Model model) {
        if (ready(model)) {
            phases.afterGradient();
        }
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        if (ready(model)) {
            phases.afterWeightStep(iteration, epoch);
        }
    }

    @Override
    public void onEpochEnd(Model model) {
        if (bind(model)) {
            phases.afterEpoch();
        }
    }

    /** Whether a weight-step callback should act: bound, and not inside this listener's own ratio step. */
    private boolean ready(Model model) {
        return !(ratioStep != null && ratioStep.running()) && bind(model);
    }

    /** Binds to the network at the first callback that can tell its input types; false until then. */
    private boolean bind(Model model) {
        if (bound != null) {
            if (model != bound.model()) {
                throw new IllegalStateException("This AutoPruneListener is already attached to another network; "
                        + "build one listener per network.");
            }
            return true;
        }
        Optional<BoundNetwork> b = BoundNetwork.bind(model, settings, cost, inputTypes);
        if (b.isEmpty()) {
            return false;
        }
        bound = b.get();
        MembershipTracker membership = new MembershipTracker(state);
        ratioStep = new RatioStep(settings, state, bound, validation, membership, history);
        phases = new PhaseController(settings, state, bound, ratioStep, membership);
        phases.start();
        return true;
    }

    /** Saves the network with its updater and this listener's state, settings and history in one zip. */
    public void writeCheckpoint(Model model, File file) throws IOException {
        Checkpoints.write(model, file, state, settings, cost.name(), history);
    }

    /**
     * Restores this (fresh, unused) listener's state and history from a zip written by {@link #writeCheckpoint}
     * (restore the network from the same file with ModelSerializer). A listener built with other settings
     * than the checkpoint's is refused with an IllegalStateException listing each differing value.
     */
    public void restoreCheckpoint(File file) {
        if (bound != null) {
            throw new IllegalStateException("restoreCheckpoint must be called before the listener is used");
        }
        Checkpoints.Restored r = Checkpoints.read(file, settings, cost.name());
        this.state = r.state();
        history.clear();
        history.addAll(r.history());
    }

    /** The settings a checkpoint was written with; empty for a checkpoint from before they were stored. */
    public static Optional<PruneSettings> checkpointSettings(File file) {
        return Checkpoints.settingsIn(file);
    }

    /**
     * Builder of {@link AutoPruneListener}: the {@link PruneSettings} setters (or {@code settings(s)} for all),
     * plus the options of one network: cost model, validation data and input types.
     */
    public static final class Builder extends PruneSettings.Base<Builder> {
        private CostModel costModel;
        private int latencyBatch;
        private MultiDataSetIterator validation;
        private InputType[] inputTypes;

        private Builder() {
        }

        /** Target remaining FLOPs fraction T in (0, 1) (default 0.5): {@code target(t)} with the FLOPs cost model. */
        public Builder targetFlops(double target) {
            return target(target);
        }

        /**
         * The cost the target is a fraction of, built for this listener's network (default: its FLOPs); at
         * binding a model that does not cover exactly the network's masked groups is refused.
         */
        public Builder costModel(CostModel model) {
            this.costModel = model;
            return this;
        }

        /**
         * Target remaining inference latency fraction T in (0, 1) at this batch size, on this machine: the short
         * form of {@code costModel(LatencyModel.measure(net, batchSize)).target(target)}. The latency model is
         * measured when the listener first sees the network (seconds to a minute, logged), without a cache;
         * build a {@link LatencyModel} yourself to cache it or to measure before training.
         */
        public Builder targetLatency(double target, int batchSize) {
            this.latencyBatch = batchSize;
            return target(target);
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

        /**
         * The network's input types, one per input (default: as the masks recorded them, else the configuration,
         * else the first batch). Needed only for hand-placed masks on flattened images, which a batch cannot tell.
         */
        public Builder inputTypes(InputType... types) {
            this.inputTypes = types == null || types.length == 0 ? null : types.clone();
            return this;
        }

        /** Validates and builds; throws an {@link InvalidSettingException} naming a bad setting. */
        public AutoPruneListener build() {
            PruneSettings s = validated();
            return new AutoPruneListener(this, s, CostChoice.of(costModel, latencyBatch, s.target()));
        }
    }
}

package dev.autoprune.listener;

import dev.autoprune.cost.CostModel;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.learning.config.Sgd;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The driver's side of pruning while a network trains data-parallel with parameter averaging (e.g.
 * DL4J on Spark): it keeps the phase, the temperature and the stopping rule of {@link AutoPruneListener}
 * on the driver and moves them between averaging rounds, while the workers take the weight steps and,
 * in the search, the ratio steps ({@link WorkerRatioSteps}).
 *
 * <p>What runs where, per round:
 * <ol>
 *   <li>driver, {@link #beginRound}: puts every mask's mode (IDENTITY, SOFT or HARD by phase) and
 *       temperature into the network's layer configuration, which the training master sends to the
 *       workers with the parameters; returns the worker listener for a search round;</li>
 *   <li>workers: weight steps on their own data and, every {@code weightSteps} of them,
 *       {@code ratioSteps} ratio steps on the same batch (theta and scores are network parameters, so
 *       averaging carries them back);</li>
 *   <li>driver, {@link #endRound(int)}: on the averaged masks, anneals tau over the search's rounds and
 *       applies the listener's stopping rule ({@link PruneSettings#meetsTarget}): hard cost fraction at or
 *       below the target by at most {@code tolerance} for {@code patience} consecutive rounds, else the end
 *       of {@code maxSearchEpochs};</li>
 *   <li>driver, {@link #endEpoch()}: the phase changes of the listener (warm-up, search, fine-tune, done).</li>
 * </ol>
 * The updaters of theta and the scores (the settings' {@code ratioUpdater} and {@code scoreUpdater}) run on
 * the driver, since
 * listener state does not come back from a worker: the workers take plain gradient steps of size
 * {@link #WORKER_STEP} on theta and the scores, and the driver turns the round's averaged change into the
 * mean gradient of the round and takes as many optimiser steps with it as a worker took ratio steps,
 * in place of the workers' steps (server-side adaptive
 * optimisation: S. J. Reddi et al., "Adaptive Federated Optimization", ICLR 2021). The steps of Adam and of
 * {@link dev.autoprune.optimize.SharedAdam} do not depend on the pseudo-gradient's scale, so the worker step
 * size only has to keep the workers' steps small.
 * The channel scores are seeded on the driver when the search starts. Only the FLOPs cost model is used
 * (each worker builds it from its copy of the network).
 */
public final class RoundPruner {

    /** The workers' plain gradient step on theta and the scores (their direction feeds the driver's optimiser). */
    public static final double WORKER_STEP = 0.01;

    private final PruneSettings settings;
    private final int roundsPerEpoch;
    private final PruneState state = new PruneState();
    private final List<SearchRecord> history = new ArrayList<>();
    private BoundNetwork bound;
    private PhaseController phases;
    private MembershipTracker membership;
    private int rounds;
    private RatioUpdaters optimizer;
    private double[] roundStart;
    private int optimizerSteps;

    /**
     * @param settings       the pruning settings ({@code patience} counts averaging rounds here)
     * @param roundsPerEpoch averaging rounds per epoch, >= 1 (tau is annealed over
     *                       {@code roundsPerEpoch * maxSearchEpochs} rounds)
     */
    public RoundPruner(PruneSettings settings, int roundsPerEpoch) {
        if (settings == null) {
            throw new IllegalArgumentException("RoundPruner: settings must not be null; use PruneSettings.defaults()");
        }
        if (roundsPerEpoch < 1) {
            throw new InvalidSettingException("roundsPerEpoch", roundsPerEpoch, "must be >= 1");
        }
        this.settings = settings;
        this.roundsPerEpoch = roundsPerEpoch;
    }

    /**
     * Before a round: binds to the network at the first call (refusing one it cannot prune, as the listener
     * does), sets the masks' mode and temperature in its configuration for the workers.
     *
     * @param net the driver's network, whose configuration and parameters the workers receive
     * @return the listener each worker runs in this round: present in the search, empty otherwise
     */
    public Optional<TrainingListener> beginRound(Model net) {
        bind(net);
        if (state.phase != Phase.SEARCH) {
            return Optional.empty();
        }
        bound.masks.setTemperature(state.tau);
        if (optimizer == null) {
            optimizer = RatioUpdaters.start(settings, bound.masks);
        }
        roundStart = bound.masks.parameters();
        PruneSettings worker = settings.toBuilder().ratioUpdater(new Sgd(WORKER_STEP)).scoreUpdater(new Sgd(WORKER_STEP))
                .build();
        return Optional.of(new WorkerRatioSteps(worker, state.tau));
    }

    /**
     * After a round, once the averaged parameters are in the driver's network: the optimiser's step, tau and
     * the stopping rule.
     *
     * @param workerRatioSteps the ratio steps each worker took in the round (for one averaging:
     *                         {@code averagingFrequency * ratioSteps / weightSteps}), >= 1; the driver's
     *                         optimiser takes as many steps on the round's mean pseudo-gradient, so that the
     *                         search moves at the pace of the one-machine listener
     */
    public void endRound(int workerRatioSteps) {
        requireBound();
        if (workerRatioSteps < 1) {
            throw new IllegalArgumentException("RoundPruner: workerRatioSteps must be >= 1, found " + workerRatioSteps);
        }
        rounds++;
        boolean searching = state.phase == Phase.SEARCH && roundStart != null;
        if (searching) {
            applyOptimizer(workerRatioSteps);
            for (String g : bound.masks.groupIds()) {
                membership.record(g, bound.masks.first(g).hardKeptIndices());
            }
        }
        phases.afterRound(rounds);
        if (searching) {
            Map<String, Double> r = bound.ratios();
            double soft = bound.cost.fraction(r);
            history.add(new SearchRecord(rounds, Phase.SEARCH, r, bound.keptChannels(), soft, bound.hardFraction(),
                    settings.penalty().value(soft), state.tau, Double.NaN));
        }
    }

    /** Replaces the round's averaged change of theta and the scores with the driver optimiser's step on it. */
    private void applyOptimizer(int steps) {
        TiedMasks masks = bound.masks;
        double[] averaged = masks.parameters();
        double[] meanGradient = new double[averaged.length];
        for (int i = 0; i < averaged.length; i++) {
            meanGradient[i] = (roundStart[i] - averaged[i]) / (WORKER_STEP * steps);
        }
        masks.requireFinite(meanGradient, "averaged ratio change");
        double[] p = roundStart;
        for (int s = 0; s < steps; s++) {
            p = optimizer.step(p, meanGradient, optimizerSteps++, 0);
        }
        masks.setParameters(p);
        roundStart = null;
    }

    /** After the last round of an epoch: the listener's phase changes. */
    public void endEpoch() {
        requireBound();
        phases.afterEpoch();
    }

    /** The current phase. */
    public Phase phase() {
        return state.phase;
    }

    /** Whether pruning has finished: compact the network now. */
    public boolean isDone() {
        return state.phase == Phase.DONE;
    }

    /** The settings. */
    public PruneSettings settings() {
        return settings;
    }

    /** Averaging rounds per epoch. */
    public int roundsPerEpoch() {
        return roundsPerEpoch;
    }

    /** Rounds finished so far. */
    public int rounds() {
        return rounds;
    }

    /** The current temperature tau (the start value before the search). */
    public double temperature() {
        return state.tau > 0 ? state.tau : settings.temperature().start();
    }

    /** The most epochs before {@link #isDone()} (automatic warm-up counted as 1; rounds per epoch known after one). */
    public int maxTotalEpochs() {
        return settings.maxTotalEpochs(state.iterationsPerEpoch);
    }

    /** The hard cost fraction of the averaged masks. */
    public double hardFraction() {
        return requireBound().hardFraction();
    }

    /** The soft cost fraction of the averaged ratios. */
    public double softFraction() {
        return requireBound().softFraction();
    }

    /** Per group id, the averaged soft remaining ratio. */
    public Map<String, Double> ratios() {
        return Collections.unmodifiableMap(requireBound().ratios());
    }

    /** Per group id, the hard kept channel count of the averaged masks. */
    public Map<String, Integer> keptChannels() {
        return Collections.unmodifiableMap(requireBound().keptChannels());
    }

    /** Per group, how often a channel entered or left the hard kept set between rounds of the search. */
    public Map<String, Integer> membershipChanges() {
        return membership == null ? Map.of() : membership.changes();
    }

    /** One record per search round, on the averaged masks (the task loss is not known on the driver: NaN). */
    public List<SearchRecord> history() {
        return Collections.unmodifiableList(history);
    }

    /** The cost model (valid once bound). */
    public CostModel costModel() {
        return requireBound().cost;
    }

    private void bind(Model net) {
        if (bound != null) {
            if (net != bound.model()) {
                throw new IllegalStateException("RoundPruner: this pruner is bound to another network; the training "
                        + "master must keep the driver's network object (build one RoundPruner per network)");
            }
            return;
        }
        bound = BoundNetwork.bind(net, settings, CostChoice.FLOPS, null).orElseThrow(() -> new IllegalStateException(
                "RoundPruner: cannot tell the network's input types: its masks record none. Make it with "
                        + "AutoPrune.prunable(...), which records them"));
        membership = new MembershipTracker(state);
        RatioStep unused = new RatioStep(settings, state, bound, null, membership, new ArrayList<>());
        phases = new PhaseController(settings, state, bound, unused, membership);
        phases.start();
        state.iterationsPerEpoch = roundsPerEpoch; // tau is annealed over rounds, not the network's iterations
    }

    private BoundNetwork requireBound() {
        if (bound == null) {
            throw new IllegalStateException("RoundPruner has not seen a network yet: call beginRound(net) first");
        }
        return bound;
    }
}

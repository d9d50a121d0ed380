package dev.autoprune.listener;

import dev.autoprune.importance.ChannelImportance;
import dev.autoprune.layers.MaskMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;
import java.util.Map;

/**
 * Moves a bound listener through its phases, WARMUP -> SEARCH -> FINE_TUNE -> DONE: decides the
 * warm-up, seeds the channel scores when the search starts, runs the blocks of ratio steps between
 * weight steps, anneals tau geometrically over the search, stops the search when the hard cost
 * fraction has stayed at or below the target, by at most the tolerance ({@link PruneSettings#meetsTarget}),
 * for {@code patience} checks (or at the maximum search epochs, first moving all ratios together into that
 * band, never above the target: {@link TargetProjection}), and keeps every mask's mode in line
 * with the phase. The one-machine listener and {@link RoundPruner} both stop by this class's check.
 */
final class PhaseController {

    private static final Logger log = LoggerFactory.getLogger(PhaseController.class);

    private final PruneSettings settings;
    private final PruneState state;
    private final BoundNetwork bound;
    private final RatioStep ratioStep;
    private final MembershipTracker membership;

    PhaseController(PruneSettings settings, PruneState state, BoundNetwork bound, RatioStep ratioStep,
                    MembershipTracker membership) {
        this.settings = settings;
        this.state = state;
        this.bound = bound;
        this.ratioStep = ratioStep;
        this.membership = membership;
    }

    /** Called once the network is bound: decides the warm-up of a fresh run, or resumes a restored one. */
    void start() {
        if (state.warmupEpochs >= 0) {
            // Resumed from a checkpoint: rebuild the optimiser from its saved state.
            ratioStep.resumeOptimizer();
            applyPhaseToMasks();
            return;
        }
        // Automatic warm-up: none for a network that has trained already, one epoch otherwise.
        int iterations = bound.net.iterationCount();
        state.warmupEpochs = settings.warmupEpochs() >= 0 ? settings.warmupEpochs() : iterations > 0 ? 0 : 1;
        // tau is annealed over the search's iterations; before the first epoch ends their number per
        // epoch is unknown, so estimate it from the network's own history when it has one.
        int epochs = bound.net.epochCount();
        if (epochs > 0 && iterations > 0) {
            state.iterationsPerEpoch = iterations / epochs;
        }
        log.info("AutoPrune: {} groups, {} masks, cost {}, target {}; warm-up {} epoch(s)",
                bound.masks.groupIds().size(), bound.masks.maskCount(), bound.cost.name(), settings.target(),
                state.warmupEpochs);
        if (state.warmupEpochs == 0) {
            startSearch(false); // binding happens in the first iteration, so this epoch counts
        } else {
            applyPhaseToMasks();
        }
    }

    /** After the gradient of a weight step: in the search, report {@code L_task + lambda * P}, the method's loss. */
    void afterGradient() {
        if (state.phase != Phase.SEARCH) {
            return; // the weight step itself uses L_task only
        }
        double p = settings.penalty().value(bound.softFraction());
        if (!Double.isFinite(p)) {
            throw new IllegalStateException("AutoPruneListener: the " + bound.cost.name() + " penalty became " + p
                    + ". Lower the ratio learning rate or lambda, or check the data for NaN/Inf.");
        }
        bound.net.setScore(bound.net.score() + p);
    }

    /** After a weight step: in the search, every {@code weightSteps} steps take a block of ratio steps. */
    void afterWeightStep(int iteration, int epoch) {
        state.iterationsThisEpoch++;
        if (state.phase != Phase.SEARCH) {
            return;
        }
        state.searchIterations++;
        state.weightStepsInCycle++;
        if (state.weightStepsInCycle >= settings.weightSteps()) {
            state.weightStepsInCycle = 0;
            for (int i = 0; i < settings.ratioSteps(); i++) {
                ratioStep.run(iteration, epoch);
            }
            updateTemperature();
            checkConvergence(iteration);
        }
    }

    /**
     * After one round of data-parallel training whose workers took the weight and ratio steps (see
     * {@link RoundPruner}): the round counts as one search iteration, so tau is annealed over the rounds of the
     * search and the stopping rule is checked once per round on the averaged masks.
     */
    void afterRound(int round) {
        state.iterationsThisEpoch++;
        if (state.phase != Phase.SEARCH) {
            return;
        }
        state.searchIterations++;
        updateTemperature();
        checkConvergence(round);
    }

    /** At the end of an epoch: count it in the phase and change phase when the phase's epochs are done. */
    void afterEpoch() {
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
                int searchEpochs = settings.searchEpochs(state.iterationsPerEpoch);
                if (state.epochsInPhase >= searchEpochs) {
                    log.info("AutoPrune: maximum search epochs ({}) reached", searchEpochs);
                    // The rule was not met: harden inside its band where the channel steps allow, never above
                    // the target (TargetProjection).
                    TargetProjection.toTarget(bound, settings.target());
                    TargetProjection.upToTarget(bound, settings.target(), settings.tolerance());
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

    private void enter(Phase phase, boolean midEpoch) {
        log.info("AutoPrune: phase {} -> {}", state.phase, phase);
        state.phase = phase;
        state.epochsInPhase = 0;
        state.phaseStartedMidEpoch = midEpoch;
        applyPhaseToMasks();
    }

    private void startSearch(boolean midEpoch) {
        TiedMasks masks = bound.masks;
        ChannelImportance importance = settings.importance();
        for (String g : masks.groupIds()) {
            masks.setScores(g, ChannelImportance.standardised(importance.of(bound.model(), bound.groups, g)));
            membership.start(g, masks.first(g).hardKeptIndices());
        }
        ratioStep.startOptimizer();
        state.tau = settings.temperature().start();
        enter(Phase.SEARCH, midEpoch);
    }

    private void harden(boolean midEpoch) {
        enter(settings.fineTuneEpochs() > 0 ? Phase.FINE_TUNE : Phase.DONE, midEpoch);
        log.info("AutoPrune: hardened at {} fraction {} (target {}); kept channels {}", bound.cost.name(),
                fmt(bound.hardFraction()), settings.target(), bound.keptChannels());
    }

    /** Puts mode, temperature and learnability of every mask in line with the phase. */
    private void applyPhaseToMasks() {
        MaskMode mode = switch (state.phase) {
            case WARMUP -> MaskMode.IDENTITY;
            case SEARCH -> MaskMode.SOFT;
            case FINE_TUNE, DONE -> MaskMode.HARD;
        };
        bound.masks.configure(mode, state.tau);
    }

    private void updateTemperature() {
        long perEpoch = state.iterationsPerEpoch;
        double progress = perEpoch > 0
                ? (double) state.searchIterations / (perEpoch * (double) settings.searchEpochs(perEpoch)) : 0.0;
        state.tau = settings.temperature().at(progress);
        bound.masks.setTemperature(state.tau);
    }

    private void checkConvergence(int iteration) {
        double hard = bound.hardFraction();
        if (settings.meetsTarget(hard)) {
            state.stableChecks++;
        } else {
            state.stableChecks = 0;
        }
        if (state.stableChecks >= settings.patience()) {
            log.info("AutoPrune: hard {} fraction {} at or below the target {} by at most {} for {} checks (iteration {})",
                    bound.cost.name(), fmt(hard), settings.target(), settings.tolerance(), state.stableChecks,
                    iteration);
            harden(true);
        }
    }

    private void logEpoch() {
        if (!log.isInfoEnabled()) {
            return;
        }
        StringBuilder groups = new StringBuilder();
        Map<String, Double> r = bound.ratios();
        Map<String, Integer> k = bound.keptChannels();
        for (String g : bound.masks.groupIds()) {
            groups.append(String.format(Locale.ROOT, " %s: r=%.3f kept=%d/%d;", g, r.get(g), k.get(g),
                    bound.masks.first(g).channels()));
        }
        log.info("AutoPrune epoch end [{}]: soft {} {} hard {} {} target {} tau {} |{}", state.phase,
                bound.cost.name(), fmt(bound.cost.fraction(r)), bound.cost.name(), fmt(bound.cost.hardFraction(k)),
                settings.target(), fmt(state.tau), groups);
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}

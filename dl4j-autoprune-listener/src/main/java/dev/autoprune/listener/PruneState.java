package dev.autoprune.listener;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything {@link AutoPruneListener} must carry across a save and a restart: the phase, the step
 * counters, tau, the ratio optimiser's state and the dynamic-membership bookkeeping. Saved inside the
 * ModelSerializer zip by {@link AutoPruneListener#writeCheckpoint}.
 */
final class PruneState implements Serializable {

    private static final long serialVersionUID = 1L;

    Phase phase = Phase.WARMUP;
    /** Epochs completed in the current phase. */
    int epochsInPhase;
    /** True when the phase began mid-epoch, so that epoch's end does not count as a whole epoch. */
    boolean phaseStartedMidEpoch;
    /** Warm-up epochs decided at the first callback (explicit, or 0 for a trained network and 1 otherwise). */
    int warmupEpochs = -1;
    /** Weight steps since the last block of ratio steps. */
    int weightStepsInCycle;
    /** Weight iterations seen in the search so far. */
    long searchIterations;
    /** Ratio steps taken so far. */
    long ratioSteps;
    /** Iterations in the previous epoch (to turn iterations into search progress), or 0 when unknown. */
    long iterationsPerEpoch;
    /** Iterations seen in the current epoch. */
    long iterationsThisEpoch;
    /** Consecutive checks with the hard cost fraction meeting the target ({@link PruneSettings#meetsTarget}). */
    int stableChecks;
    /** Current temperature. */
    double tau;
    /** The theta updater's state vector, or null before the search starts. */
    double[] ratioUpdaterState;
    /** The score updater's state vector, or null before the search starts. */
    double[] scoreUpdaterState;
    /**
     * The one updater state of theta and scores together, as checkpoints wrote it before each had its own
     * updater: read from such checkpoints only (see {@link RatioStep#resumeOptimizer()}), never written.
     */
    double[] optimizerState;
    /** Per group: how often a channel entered or left the hard kept set during the search. */
    Map<String, Integer> membershipChanges = new LinkedHashMap<>();
    /** Per group: the last hard kept set (to count membership changes). */
    Map<String, int[]> lastKept = new LinkedHashMap<>();
}

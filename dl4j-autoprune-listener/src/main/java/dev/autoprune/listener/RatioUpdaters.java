package dev.autoprune.listener;

/**
 * The two updaters of a search's own parameters: the settings' {@code ratioUpdater} on the groups' ratio
 * logits theta and its {@code scoreUpdater} on the channel scores, each with its own state. They step
 * the flattened [theta, scores...] vector of {@link TiedMasks} together, so a ratio step is one call.
 */
final class RatioUpdaters {

    private final int[] thetaAt;
    private final boolean[] isTheta;
    private final RatioOptimizer theta;
    private final RatioOptimizer scores;

    /**
     * @param settings   the updaters' configurations
     * @param masks      the masks whose flattened vector is stepped
     * @param thetaState a state from {@link #thetaState()} to resume from, or null to start fresh
     * @param scoreState a state from {@link #scoreState()} to resume from, or null to start fresh
     */
    RatioUpdaters(PruneSettings settings, TiedMasks masks, double[] thetaState, double[] scoreState) {
        this.thetaAt = masks.thetaPositions();
        this.isTheta = new boolean[masks.parameterCount()];
        for (int at : thetaAt) {
            isTheta[at] = true;
        }
        this.theta = new RatioOptimizer(settings.ratioUpdater(), thetaAt.length, thetaState, "ratio (theta)");
        this.scores = new RatioOptimizer(settings.scoreUpdater(), isTheta.length - thetaAt.length, scoreState,
                "score");
    }

    /** Fresh updaters, for the start of a search. */
    static RatioUpdaters start(PruneSettings settings, TiedMasks masks) {
        return new RatioUpdaters(settings, masks, null, null);
    }

    /**
     * One step of both updaters: theta by the ratio updater, scores by the score updater.
     *
     * @return the new flattened parameters
     */
    double[] step(double[] params, double[] gradient, int iteration, int epoch) {
        double[] newTheta = theta.step(pick(params, true), pick(gradient, true), iteration, epoch);
        double[] newScores = scores.step(pick(params, false), pick(gradient, false), iteration, epoch);
        double[] out = new double[params.length];
        int t = 0;
        int s = 0;
        for (int i = 0; i < out.length; i++) {
            out[i] = isTheta[i] ? newTheta[t++] : newScores[s++];
        }
        return out;
    }

    private double[] pick(double[] flat, boolean thetas) {
        double[] out = new double[thetas ? thetaAt.length : flat.length - thetaAt.length];
        int k = 0;
        for (int i = 0; i < flat.length; i++) {
            if (isTheta[i] == thetas) {
                out[k++] = flat[i];
            }
        }
        return out;
    }

    /** A copy of the theta updater's state. */
    double[] thetaState() {
        return theta.state();
    }

    /** A copy of the score updater's state. */
    double[] scoreState() {
        return scores.state();
    }

    /** Writes both states into the listener state (for checkpoints). */
    void saveTo(PruneState state) {
        state.ratioUpdaterState = thetaState();
        state.scoreUpdaterState = scoreState();
    }
}

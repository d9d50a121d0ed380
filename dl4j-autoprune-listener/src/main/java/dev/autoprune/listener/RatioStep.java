package dev.autoprune.listener;

import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

/**
 * One ratio step of the search: a forward/backward pass (on a held-out batch when validation data is
 * given, else on the current training batch) that updates only the ratio logits and channel scores,
 * with their own updater, from {@code L_task + lambda * (ln(F/T))^2}; no weight, bias or
 * BatchNormalization value moves, since DL4J's updater is not run. DL4J's gradients are minibatch sums
 * and are divided by the minibatch size, so lambda weighs the penalty against the mean task loss.
 * Appends a {@link SearchRecord} to the history after each step.
 */
final class RatioStep {

    private static final Logger log = LoggerFactory.getLogger(RatioStep.class);

    private final PruneSettings settings;
    private final PruneState state;
    private final BoundNetwork bound;
    private final MultiDataSetIterator validation;
    private final MembershipTracker membership;
    private final List<SearchRecord> history;
    private RatioUpdaters optimizer;
    private boolean running;

    RatioStep(PruneSettings settings, PruneState state, BoundNetwork bound, MultiDataSetIterator validation,
              MembershipTracker membership, List<SearchRecord> history) {
        this.settings = settings;
        this.state = state;
        this.bound = bound;
        this.validation = validation;
        this.membership = membership;
        this.history = history;
    }

    /** Starts the theta and score updaters afresh (at the start of the search). */
    void startOptimizer() {
        optimizer = RatioUpdaters.start(settings, bound.masks);
        optimizer.saveTo(state);
    }

    /**
     * Rebuilds the theta and score updaters from the states a checkpoint saved, if the search had started.
     * A checkpoint written when one updater stepped theta and scores together holds one state that does
     * not split in general: both updaters restart from a zero state, with a warning.
     */
    void resumeOptimizer() {
        if (state.ratioUpdaterState != null) {
            optimizer = new RatioUpdaters(settings, bound.masks, state.ratioUpdaterState, state.scoreUpdaterState);
        } else if (state.optimizerState != null) {
            log.warn("AutoPrune: the checkpoint was written when one updater stepped theta and the scores together; "
                    + "the ratio and score updaters restart from a zero state (the ratios and scores themselves resume)");
            state.optimizerState = null;
            startOptimizer();
        }
    }

    /** True while a step runs: the network's own callbacks of that pass are not weight steps. */
    boolean running() {
        return running;
    }

    /** Takes one ratio step at the network's {@code iteration} and {@code epoch}. */
    void run(int iteration, int epoch) {
        TiedMasks masks = bound.masks;
        NetworkAdapter net = bound.net;
        running = true;
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
            double fraction = bound.cost.fraction(ratios);
            double dPdF = settings.penalty().derivative(fraction);
            double[] grads = masks.gradient(n, dPdF, bound.cost.fractionGradient(ratios));
            masks.requireFinite(grads, "gradient");
            masks.setParameters(optimizer.step(masks.parameters(), grads, (int) state.ratioSteps, epoch));
            for (String g : masks.groupIds()) {
                membership.record(g, masks.first(g).hardKeptIndices());
            }
            optimizer.saveTo(state);
            state.ratioSteps++;
            Map<String, Double> after = masks.ratios();
            double soft = bound.cost.fraction(after);
            history.add(new SearchRecord(iteration, state.phase, after, masks.hardCounts(), soft, bound.hardFraction(),
                    settings.penalty().value(soft), state.tau, taskLoss));
        } finally {
            masks.setLearnable(false);
            if (batch != null) {
                net.restoreBatch();
            }
            net.setScore(savedScore);
            running = false;
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
}

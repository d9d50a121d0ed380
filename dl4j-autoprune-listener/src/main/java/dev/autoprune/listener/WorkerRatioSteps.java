package dev.autoprune.listener;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;

import java.io.Serializable;
import java.util.ArrayList;

/**
 * The worker's side of a search round of {@link RoundPruner}: attached to a worker's copy of the network,
 * it takes {@code ratioSteps} ratio steps (the listener's {@code RatioStep}: only theta and the channel
 * scores move, from {@code L_task + lambda * (ln(F/T))^2}) on the current training batch after every
 * {@code weightSteps} weight steps. It never changes phase or temperature: the masks arrive in SOFT mode
 * with the round's temperature in the configuration the driver sent. Serializable, so that a training
 * master can ship it; each worker binds its own copy on its first step and builds the FLOPs cost model
 * from its network.
 */
public final class WorkerRatioSteps extends BaseTrainingListener implements Serializable {

    private static final long serialVersionUID = 1L;

    private final PruneSettings settings;
    private final double temperature;
    private transient RatioStep ratioStep;
    private transient Model model;
    private transient int weightSteps;
    private transient long ratioStepsTaken;

    WorkerRatioSteps(PruneSettings settings, double temperature) {
        this.settings = settings;
        this.temperature = temperature;
    }

    /** The temperature the driver set for this round. */
    public double temperature() {
        return temperature;
    }

    /** Ratio steps this copy has taken (on a worker; 0 on the driver's copy). */
    public long ratioStepsTaken() {
        return ratioStepsTaken;
    }

    @Override
    public void iterationDone(Model net, int iteration, int epoch) {
        if (ratioStep != null && ratioStep.running()) {
            return;
        }
        if (!bind(net)) {
            return;
        }
        if (++weightSteps >= settings.weightSteps()) {
            weightSteps = 0;
            for (int i = 0; i < settings.ratioSteps(); i++) {
                ratioStep.run(iteration, epoch);
                ratioStepsTaken++;
            }
        }
    }

    private boolean bind(Model net) {
        if (model != null) {
            if (net != model) {
                throw new IllegalStateException("WorkerRatioSteps: this copy is already attached to another network");
            }
            return true;
        }
        var bound = BoundNetwork.bind(net, settings, CostChoice.FLOPS, null);
        if (bound.isEmpty()) {
            return false;
        }
        PruneState state = new PruneState();
        state.phase = Phase.SEARCH;
        state.tau = temperature;
        MembershipTracker membership = new MembershipTracker(state);
        ratioStep = new RatioStep(settings, state, bound.get(), null, membership, new ArrayList<>());
        ratioStep.startOptimizer();
        model = net;
        return true;
    }
}

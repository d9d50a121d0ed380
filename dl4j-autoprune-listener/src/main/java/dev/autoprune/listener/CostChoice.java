package dev.autoprune.listener;

import dev.autoprune.cost.CostModel;
import dev.autoprune.cost.FlopsCostModel;
import dev.autoprune.cost.LatencyModel;
import dev.autoprune.graph.ChannelGroups;

import java.util.Locale;

/**
 * Which cost a listener's target is a fraction of: a model the user built for the network, a latency
 * model to measure when the listener first sees the network, or (the default) the network's FLOPs.
 * Immutable; {@link #of} makes the checks that can be made before the network is seen.
 */
final class CostChoice {

    /** The network's FLOPs, counted at binding. */
    static final CostChoice FLOPS = new CostChoice(null, 0);

    private final CostModel given;
    private final int latencyBatch;

    private CostChoice(CostModel given, int latencyBatch) {
        this.given = given;
        this.latencyBatch = latencyBatch;
    }

    /**
     * @param given        a cost model built for the network, or null
     * @param latencyBatch the batch size of a latency model to measure at binding, or 0
     * @param target       the settings' target, checked against a given model's floor
     * @throws InvalidSettingException naming the bad setting
     */
    static CostChoice of(CostModel given, int latencyBatch, double target) {
        if (latencyBatch != 0 && latencyBatch < 1) {
            throw new InvalidSettingException("latencyBatch", latencyBatch, "must be >= 1");
        }
        if (latencyBatch > 0 && given != null) {
            throw new InvalidSettingException("costModel", given.name(), "cannot be combined with "
                    + "targetLatency(target, batchSize), which measures its own latency model; give one of them");
        }
        if (given != null && target < given.minimumFraction()) {
            throw new InvalidSettingException("target", target, floorRequirement(given));
        }
        return given == null && latencyBatch == 0 ? FLOPS : new CostChoice(given, latencyBatch);
    }

    /** The chosen model's name, known before binding ({@code FLOPs}, {@code latency} or the given model's). */
    String name() {
        return given != null ? given.name() : latencyBatch > 0 ? LatencyModel.NAME : FlopsCostModel.NAME;
    }

    /** The cost model for the analysed network: the given one, a latency model measured now, or its FLOPs. */
    CostModel resolve(ChannelGroups groups) {
        return given != null ? given
                : latencyBatch > 0 ? LatencyModel.builder(latencyBatch).measure(groups) : FlopsCostModel.of(groups);
    }

    /** The requirement a target below a cost model's floor fails, with the floor in it. */
    static String floorRequirement(CostModel cost) {
        return String.format(Locale.ROOT, "must be >= %.4f, the %s fraction left when every group is at its "
                + "minChannels (the reachable floor); raise the target or lower minChannels", cost.minimumFraction(),
                cost.name());
    }
}

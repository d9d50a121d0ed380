package dev.autoprune.cost;

import dev.autoprune.flops.FlopsCounter;
import dev.autoprune.graph.ChannelGroups;

/**
 * The normalised parameter count {@code P(r) = params(r) / params(1)} of a masked network as a
 * function of the remaining ratio of each masked channel group, with its exact gradient: a
 * {@link CostModel} for pruning towards a model-size budget instead of a FLOPs budget. The counts
 * come from {@link FlopsCounter} (the plain network's parameters, never the mask parameters), so
 * with {@code r = kept / C} the count equals the compacted network's {@code numParams()}. Immutable.
 */
public final class ParameterCostModel extends CountedCost {

    /** The {@link #name()} of this model. */
    public static final String NAME = "parameters";

    private ParameterCostModel(FlopsCounter counter) {
        super(Count.PARAMETERS, counter, "The network has no parameters, so a parameter fraction is undefined.");
    }

    /** The model of an analysed network. */
    public static ParameterCostModel of(ChannelGroups groups) {
        return new ParameterCostModel(FlopsCounter.of(groups));
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Parameters of the unpruned network (without mask parameters). */
    public long fullParams() {
        return counter().totalParams();
    }
}

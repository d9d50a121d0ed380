package dev.autoprune.cost;

import dev.autoprune.flops.FlopsCounter;
import dev.autoprune.graph.ChannelGroups;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.Map;

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
        super(counter, "The network has no parameters, so a parameter fraction is undefined.");
    }

    /** The model of an analysed network. */
    public static ParameterCostModel of(ChannelGroups groups) {
        return new ParameterCostModel(FlopsCounter.of(groups));
    }

    /** The model of a network with the given input type. */
    public static ParameterCostModel of(MultiLayerNetwork net, InputType input) {
        return of(ChannelGroups.of(net, input));
    }

    /** The model of a graph with the given input types. */
    public static ParameterCostModel of(ComputationGraph net, InputType... inputs) {
        return of(ChannelGroups.of(net, inputs));
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Parameters of the unpruned network (without mask parameters). */
    public long fullParams() {
        return counter().totalParams();
    }

    @Override
    double fullCount(FlopsCounter counter) {
        return counter.totalParams();
    }

    @Override
    double count(FlopsCounter counter, Map<String, Double> ratios) {
        return counter.params(ratios);
    }

    @Override
    Map<String, Double> countGradient(FlopsCounter counter, Map<String, Double> ratios) {
        return counter.paramsGradient(ratios);
    }

    @Override
    long hardCount(FlopsCounter counter, Map<String, Integer> kept) {
        return counter.hardParams(kept);
    }
}

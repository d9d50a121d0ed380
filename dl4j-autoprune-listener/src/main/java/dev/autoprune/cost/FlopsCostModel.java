package dev.autoprune.cost;

import dev.autoprune.flops.FlopsCounter;
import dev.autoprune.graph.ChannelGroups;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;


/**
 * The normalised FLOPs {@code F(r) = FLOPs(r) / FLOPs(1)} of a masked network as a function of the
 * remaining ratio of each masked channel group, with its exact gradient: the quantity the FLOPs
 * penalty of B. Li et al., "AutoPruning for Deep Neural Network with Dynamic Channel Masking"
 * (arXiv:2010.12021, 2020) acts on, and the listener's default {@link CostModel}. The absolute counts
 * come from {@link FlopsCounter}, which documents what is counted. Immutable.
 */
public final class FlopsCostModel extends CountedCost {

    /** The {@link #name()} of this model. */
    public static final String NAME = "FLOPs";

    private FlopsCostModel(FlopsCounter counter) {
        super(Count.FLOPS, counter, "The network has no counted FLOPs (no convolution, dense or BatchNormalization layer), "
                + "so a FLOPs fraction is undefined.");
    }

    /** The model of an analysed network. */
    public static FlopsCostModel of(ChannelGroups groups) {
        return new FlopsCostModel(FlopsCounter.of(groups));
    }

    /** The model of a network (input type as {@code AutoPrune.prunable} recorded it, else inferred). */
    public static FlopsCostModel of(MultiLayerNetwork net) {
        return of(ChannelGroups.of(net));
    }

    /** The model of a network with the given input type. */
    public static FlopsCostModel of(MultiLayerNetwork net, InputType input) {
        return of(ChannelGroups.of(net, input));
    }

    /** The model of a graph (input types as {@code AutoPrune.prunable} recorded them, else inferred). */
    public static FlopsCostModel of(ComputationGraph net) {
        return of(ChannelGroups.of(net));
    }

    /** The model of a graph with the given input types. */
    public static FlopsCostModel of(ComputationGraph net, InputType... inputs) {
        return of(ChannelGroups.of(net, inputs));
    }

    @Override
    public String name() {
        return NAME;
    }

    /** FLOPs of the unpruned network. */
    public long fullFlops() {
        return counter().totalFlops();
    }
}

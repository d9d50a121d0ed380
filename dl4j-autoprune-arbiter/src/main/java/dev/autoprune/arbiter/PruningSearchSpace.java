package dev.autoprune.arbiter;

import dev.autoprune.arbiter.impl.SpaceJson;
import org.deeplearning4j.arbiter.MultiLayerSpace;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The search space of a pruning sweep: a {@link MultiLayerSpace} describing prunable architectures
 * (with {@code MaskedConvolutionLayerSpace} / {@code ChannelMaskLayerSpace} layers) together with
 * an {@link AutoPruneSpace} over the listener's settings. Each draw is a {@link PruningCandidate};
 * run it with {@code AutoPruneTaskCreator}.
 *
 * <p>The number of epochs is the listener's (warm-up + search + fine-tuning), so a network space
 * with an early-stopping configuration is refused and its {@code numEpochs} is ignored.
 *
 * <p>Reference: B. Li, Y. Fan, Z. Pan, G. Zhang, "AutoPruning for Deep Neural Network with Dynamic
 * Channel Masking", arXiv:2010.12021 (2020).
 */
public final class PruningSearchSpace extends CompositeSpace<PruningCandidate> {

    private MultiLayerSpace network;
    private AutoPruneSpace pruning;

    /** For Jackson. */
    private PruningSearchSpace() {
    }

    /**
     * @param network the architectures and training hyperparameters
     * @param pruning the pruning settings
     * @throws IllegalArgumentException if either is null or the network space has early stopping
     */
    public PruningSearchSpace(MultiLayerSpace network, AutoPruneSpace pruning) {
        if (network == null || pruning == null) {
            throw new IllegalArgumentException("PruningSearchSpace: network and pruning spaces are required, found network="
                    + network + ", pruning=" + pruning);
        }
        if (network.getEarlyStoppingConfiguration() != null) {
            throw new IllegalArgumentException("PruningSearchSpace: the network space has an early-stopping configuration, "
                    + "but the AutoPruneListener decides when training ends (warm-up + search + fine-tuning). Remove it "
                    + "and bound the epochs with AutoPruneSpace.maxSearchEpochs / fineTuneEpochs.");
        }
        this.network = network;
        this.pruning = pruning;
    }

    @Override
    public PruningCandidate getValue(double[] values) {
        return new PruningCandidate(network.getValue(values).getMultiLayerConfiguration(), pruning.getValue(values),
                pruning.searchedValues(values));
    }

    /** The network space. */
    public MultiLayerSpace network() {
        return network;
    }

    /** The pruning settings space. */
    public AutoPruneSpace pruning() {
        return pruning;
    }

    @Override
    public List<ParameterSpace> collectLeaves() {
        List<ParameterSpace> leaves = new ArrayList<>(network.collectLeaves());
        leaves.addAll(pruning.collectLeaves());
        return leaves;
    }

    /** Reads a space written by {@link #toJson()}. */
    public static PruningSearchSpace fromJson(String json) {
        return SpaceJson.read(json, PruningSearchSpace.class);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PruningSearchSpace other && network.equals(other.network) && pruning.equals(other.pruning);
    }

    @Override
    public int hashCode() {
        return Objects.hash(network, pruning);
    }

    @Override
    public String toString() {
        return "PruningSearchSpace(network=" + network + ", pruning=" + pruning + ")";
    }
}

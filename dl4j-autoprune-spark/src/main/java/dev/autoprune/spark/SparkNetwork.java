package dev.autoprune.spark;

import dev.autoprune.ChannelPruner;
import dev.autoprune.layers.MaskedLayer;
import org.apache.spark.api.java.JavaRDD;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.spark.api.TrainingMaster;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.nd4j.linalg.dataset.DataSet;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What {@link SparkAutoPrune} needs from DL4J's two Spark networks, {@link SparkDl4jMultiLayer} and
 * {@link SparkComputationGraph}, which share no interface for it: the driver's network, its training master,
 * the workers' listeners, one {@code fit} call and the network's compaction. Checked when made: a
 * parameter-averaging training master and a network with channel masks.
 *
 * @param <N> the driver's network type
 */
final class SparkNetwork<N extends Model> {

    private final Supplier<N> network;
    private final ParameterAveragingTrainingMaster master;
    private final Consumer<List<TrainingListener>> listeners;
    private final Consumer<JavaRDD<DataSet>> fit;
    private final Function<N, N> compact;

    private SparkNetwork(Supplier<N> network, ParameterAveragingTrainingMaster master,
                         Consumer<List<TrainingListener>> listeners, Consumer<JavaRDD<DataSet>> fit,
                         Function<N, N> compact) {
        this.network = network;
        this.master = master;
        this.listeners = listeners;
        this.fit = fit;
        this.compact = compact;
    }

    static SparkNetwork<MultiLayerNetwork> of(SparkDl4jMultiLayer spark) {
        if (spark == null) {
            throw new IllegalArgumentException("SparkAutoPrune: the SparkDl4jMultiLayer must not be null");
        }
        ParameterAveragingTrainingMaster master = parameterAveraging("SparkDl4jMultiLayer", spark.getTrainingMaster());
        requireMasks("SparkDl4jMultiLayer", "MultiLayerNetwork", spark.getNetwork().getLayers());
        return new SparkNetwork<>(spark::getNetwork, master, spark::setListeners, spark::fit, ChannelPruner::compact);
    }

    static SparkNetwork<ComputationGraph> of(SparkComputationGraph spark) {
        if (spark == null) {
            throw new IllegalArgumentException("SparkAutoPrune: the SparkComputationGraph must not be null");
        }
        ParameterAveragingTrainingMaster master = parameterAveraging("SparkComputationGraph", spark.getTrainingMaster());
        requireMasks("SparkComputationGraph", "ComputationGraph", spark.getNetwork().getLayers());
        return new SparkNetwork<>(spark::getNetwork, master, spark::setListeners, spark::fit, ChannelPruner::compact);
    }

    /** The training master as a {@code ParameterAveragingTrainingMaster}, else a refusal naming the one found. */
    private static ParameterAveragingTrainingMaster parameterAveraging(String kind, TrainingMaster master) {
        if (master instanceof ParameterAveragingTrainingMaster averaging) {
            return averaging;
        }
        throw new IllegalArgumentException("SparkAutoPrune needs the " + kind + " to train with a "
                + "ParameterAveragingTrainingMaster (the averaged theta and scores carry the workers' ratio steps), "
                + "found " + (master == null ? "none" : master.getClass().getName()));
    }

    private static void requireMasks(String kind, String netKind, Layer[] layers) {
        for (Layer l : layers) {
            if (l instanceof MaskedLayer) {
                return;
            }
        }
        throw new IllegalArgumentException("SparkAutoPrune: the " + kind + "'s network has no channel masks, so there "
                + "is nothing to prune. Wrap the " + netKind + " that AutoPrune.prunable(...) returns, not the original "
                + "(prunable itself refuses a network with no prunable convolution group)");
    }

    /** The driver's network, which the training master updates with the averaged parameters. */
    N network() {
        return network.get();
    }

    /** How many minibatches each worker fits between two averagings. */
    int averagingFrequency() {
        return master.getAveragingFrequency();
    }

    /** The listeners the workers run in the next {@code fit} call. */
    void setListeners(List<TrainingListener> workerListeners) {
        listeners.accept(workerListeners);
    }

    /** One {@code fit} call of the Spark network. */
    void fit(JavaRDD<DataSet> data) {
        fit.accept(data);
    }

    /** The driver's network compacted ({@code ChannelPruner.compact}). */
    N compact() {
        return compact.apply(network.get());
    }
}

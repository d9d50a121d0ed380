package dev.autoprune.spark;

import dev.autoprune.ChannelPruner;
import dev.autoprune.listener.Phase;
import dev.autoprune.listener.PruneSettings;
import dev.autoprune.listener.RoundPruner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.nd4j.linalg.dataset.DataSet;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Prunes a network while it trains on Apache Spark with DL4J's {@link SparkDl4jMultiLayer} or
 * {@link SparkComputationGraph} and a {@code ParameterAveragingTrainingMaster}: the Spark form of
 * {@code AutoPruneListener}, with the same settings, phases and stopping rule, then
 * {@link ChannelPruner#compact} as usual.
 *
 * <pre>{@code
 * SparkDl4jMultiLayer sparkNet = new SparkDl4jMultiLayer(sc, AutoPrune.prunable(net), trainingMaster);
 * SparkAutoPrune<MultiLayerNetwork> pruner = SparkAutoPrune.of(sparkNet, PruneSettings.builder().target(0.5).build(), 4);
 * while (!pruner.isDone()) pruner.fitEpoch(trainData);
 * MultiLayerNetwork small = pruner.compact();
 * }</pre>
 * A {@code SparkComputationGraph} (one input, one output, trained on {@code JavaRDD<DataSet>}) goes the same
 * way and gives a {@code SparkAutoPrune<ComputationGraph>}; residual adds keep their tied masks, since every
 * worker's ratio step writes the same values to a group's masks and averaging keeps them equal.
 *
 * <p>What runs where: {@link #fitEpoch} splits the epoch's data into {@code roundsPerEpoch} parts and
 * fits them one after another. Before each part the <b>driver</b> ({@link RoundPruner}) sets the masks'
 * mode and temperature in the network's configuration, which the training master broadcasts with the
 * parameters; in a search round it also hands the <b>workers</b> a {@code WorkerRatioSteps} listener, so
 * each worker alternates weight steps and ratio steps on its own partition; the training master averages
 * the parameters, theta and channel scores included; back on the <b>driver</b> the averaged masks give the
 * hard FLOPs fraction, tau is annealed and the stopping rule is checked. Each part is one {@code fit} call,
 * so choose {@code roundsPerEpoch} about {@code examples / (workers * batchSizePerWorker * averagingFrequency)}
 * for one averaging per round. {@link #compact()} runs on the driver, on the averaged parameters.
 *
 * @param <N> the driver's network type: {@code MultiLayerNetwork} or {@code ComputationGraph}
 */
public final class SparkAutoPrune<N extends Model> {

    private final SparkNetwork<N> sparkNet;
    private final RoundPruner rounds;
    private final int workerRatioSteps;

    private SparkAutoPrune(SparkNetwork<N> sparkNet, RoundPruner rounds, int workerRatioSteps) {
        this.sparkNet = sparkNet;
        this.rounds = rounds;
        this.workerRatioSteps = workerRatioSteps;
    }

    /**
     * @param sparkNet       the Spark network, made prunable ({@code AutoPrune.prunable}) before it was wrapped,
     *                       with a {@code ParameterAveragingTrainingMaster}
     * @param settings       the pruning settings ({@code patience} counts rounds; FLOPs is the cost)
     * @param roundsPerEpoch how many parts (each one {@code fit} call) an epoch's data is split into, >= 1
     * @return the pruner; the masks' placement and the target are checked at the first {@link #fitEpoch}
     * @throws IllegalArgumentException for another training master or a network without channel masks
     */
    public static SparkAutoPrune<MultiLayerNetwork> of(SparkDl4jMultiLayer sparkNet, PruneSettings settings,
                                                       int roundsPerEpoch) {
        return of(SparkNetwork.of(sparkNet), settings, roundsPerEpoch);
    }

    /**
     * As {@link #of(SparkDl4jMultiLayer, PruneSettings, int)}, for a graph with one input and one output.
     *
     * @param sparkNet       the Spark graph, made prunable ({@code AutoPrune.prunable}) before it was wrapped,
     *                       with a {@code ParameterAveragingTrainingMaster}
     * @param settings       the pruning settings ({@code patience} counts rounds; FLOPs is the cost)
     * @param roundsPerEpoch how many parts (each one {@code fit} call) an epoch's data is split into, >= 1
     * @return the pruner; the masks' placement and the target are checked at the first {@link #fitEpoch}
     * @throws IllegalArgumentException for another training master or a graph without channel masks
     */
    public static SparkAutoPrune<ComputationGraph> of(SparkComputationGraph sparkNet, PruneSettings settings,
                                                      int roundsPerEpoch) {
        return of(SparkNetwork.of(sparkNet), settings, roundsPerEpoch);
    }

    private static <N extends Model> SparkAutoPrune<N> of(SparkNetwork<N> sparkNet, PruneSettings settings,
                                                          int roundsPerEpoch) {
        RoundPruner rounds = new RoundPruner(settings, roundsPerEpoch);
        PruneSettings s = rounds.settings();
        int steps = Math.max(1, sparkNet.averagingFrequency() * s.ratioSteps() / s.weightSteps());
        return new SparkAutoPrune<>(sparkNet, rounds, steps);
    }

    /**
     * Trains one epoch on {@code data} in {@code roundsPerEpoch} rounds (DataSet object i goes to round
     * {@code i mod roundsPerEpoch}), moving the pruning between rounds; cache {@code data} for speed.
     *
     * @param data the epoch's training data, at least {@code roundsPerEpoch} DataSet objects
     * @throws IllegalArgumentException if {@code data} is null or has fewer DataSet objects than rounds
     */
    public void fitEpoch(JavaRDD<DataSet> data) {
        int n = rounds.roundsPerEpoch();
        if (data == null) {
            throw new IllegalArgumentException("SparkAutoPrune.fitEpoch: the training data RDD is null; pass the "
                    + "epoch's JavaRDD<DataSet>");
        }
        long count = data.count();
        if (count < n) {
            throw new IllegalArgumentException("SparkAutoPrune.fitEpoch: the training data has " + count
                    + " DataSet objects, fewer than roundsPerEpoch (" + n + "), so some rounds would train on "
                    + "nothing. Pass more data or build the pruner with roundsPerEpoch <= " + Math.max(1, count));
        }
        JavaPairRDD<DataSet, Long> indexed = data.zipWithIndex();
        for (int r = 0; r < n; r++) {
            long round = r;
            JavaRDD<DataSet> part = n == 1 ? data : indexed.filter(t -> t._2() % n == round).keys();
            Optional<TrainingListener> worker = rounds.beginRound(sparkNet.network());
            sparkNet.setListeners(worker.map(List::of).orElse(List.of()));
            sparkNet.fit(part);
            rounds.endRound(workerRatioSteps);
        }
        rounds.endEpoch();
    }

    /** Whether pruning has finished: compact now. */
    public boolean isDone() {
        return rounds.isDone();
    }

    /** The current phase. */
    public Phase phase() {
        return rounds.phase();
    }

    /** The driver-side controller: temperature, ratios, kept channels, history, membership changes. */
    public RoundPruner rounds() {
        return rounds;
    }

    /** The hard FLOPs fraction of the averaged masks. */
    public double hardFraction() {
        return rounds.hardFraction();
    }

    /** Per group, the hard kept channels of the averaged masks. */
    public Map<String, Integer> keptChannels() {
        return rounds.keptChannels();
    }

    /** The most epochs before {@link #isDone()}. */
    public int maxTotalEpochs() {
        return rounds.maxTotalEpochs();
    }

    /** The driver's network with the averaged parameters. */
    public N network() {
        return sparkNet.network();
    }

    /** The pruned network without masks and without the removed channels ({@link ChannelPruner#compact}). */
    public N compact() {
        if (!rounds.isDone()) {
            throw new IllegalStateException("SparkAutoPrune: pruning is in phase " + rounds.phase()
                    + "; call fitEpoch until isDone() before compact()");
        }
        return sparkNet.compact();
    }
}

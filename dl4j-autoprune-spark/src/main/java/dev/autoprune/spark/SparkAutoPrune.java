package dev.autoprune.spark;

import dev.autoprune.ChannelPruner;
import dev.autoprune.listener.Phase;
import dev.autoprune.listener.PruneSettings;
import dev.autoprune.listener.RoundPruner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.nd4j.linalg.dataset.DataSet;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Prunes a network while it trains on Apache Spark with DL4J's {@link SparkDl4jMultiLayer} and a
 * {@code ParameterAveragingTrainingMaster}: the Spark form of {@code AutoPruneListener}, with the same
 * settings, phases and stopping rule, then {@link ChannelPruner#compact} as usual.
 *
 * <pre>{@code
 * SparkDl4jMultiLayer sparkNet = new SparkDl4jMultiLayer(sc, AutoPrune.prunable(net), trainingMaster);
 * SparkAutoPrune pruner = SparkAutoPrune.of(sparkNet, PruneSettings.builder().target(0.5).build(), 4);
 * while (!pruner.isDone()) pruner.fitEpoch(trainData);
 * MultiLayerNetwork small = pruner.compact();
 * }</pre>
 *
 * <p>What runs where: {@link #fitEpoch} splits the epoch's data into {@code roundsPerEpoch} parts and
 * fits them one after another. Before each part the <b>driver</b> ({@link RoundPruner}) sets the masks'
 * mode and temperature in the network's configuration, which the training master broadcasts with the
 * parameters; in a search round it also hands the <b>workers</b> a {@code WorkerRatioSteps} listener, so
 * each worker alternates weight steps and ratio steps on its own partition; the training master averages
 * the parameters, theta and channel scores included; back on the <b>driver</b> the averaged masks give the
 * hard FLOPs fraction, tau is annealed and the stopping rule is checked. Each part is one {@code fit} call,
 * so choose {@code roundsPerEpoch} about {@code examples / (workers * batchSizePerWorker * averagingFrequency)}
 * for one averaging per round.
 */
public final class SparkAutoPrune {

    private final SparkDl4jMultiLayer sparkNet;
    private final RoundPruner rounds;
    private final int workerRatioSteps;

    private SparkAutoPrune(SparkDl4jMultiLayer sparkNet, RoundPruner rounds, int workerRatioSteps) {
        this.sparkNet = sparkNet;
        this.rounds = rounds;
        this.workerRatioSteps = workerRatioSteps;
    }

    /**
     * @param sparkNet       the Spark network, made prunable ({@code AutoPrune.prunable}) before it was wrapped
     * @param settings       the pruning settings ({@code patience} counts rounds; FLOPs is the cost)
     * @param roundsPerEpoch how many parts (each one {@code fit} call) an epoch's data is split into, >= 1
     * @return the pruner; nothing is checked against the network until the first {@link #fitEpoch}
     */
    public static SparkAutoPrune of(SparkDl4jMultiLayer sparkNet, PruneSettings settings, int roundsPerEpoch) {
        if (sparkNet == null) {
            throw new IllegalArgumentException("SparkAutoPrune: sparkNet must not be null");
        }
        if (!(sparkNet.getTrainingMaster() instanceof ParameterAveragingTrainingMaster master)) {
            throw new IllegalArgumentException("SparkAutoPrune needs a ParameterAveragingTrainingMaster (the averaged "
                    + "theta and scores carry the workers' ratio steps), found "
                    + sparkNet.getTrainingMaster().getClass().getName());
        }
        RoundPruner rounds = new RoundPruner(settings, roundsPerEpoch);
        PruneSettings s = rounds.settings();
        int steps = Math.max(1, master.getAveragingFrequency() * s.ratioSteps() / s.weightSteps());
        return new SparkAutoPrune(sparkNet, rounds, steps);
    }

    /**
     * Trains one epoch on {@code data} in {@code roundsPerEpoch} rounds (example i goes to round
     * {@code i mod roundsPerEpoch}), moving the pruning between rounds; cache {@code data} for speed.
     */
    public void fitEpoch(JavaRDD<DataSet> data) {
        int n = rounds.roundsPerEpoch();
        JavaPairRDD<DataSet, Long> indexed = data.zipWithIndex();
        for (int r = 0; r < n; r++) {
            long round = r;
            JavaRDD<DataSet> part = n == 1 ? data : indexed.filter(t -> t._2() % n == round).keys();
            Optional<TrainingListener> worker = rounds.beginRound(sparkNet.getNetwork());
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
    public MultiLayerNetwork network() {
        return sparkNet.getNetwork();
    }

    /** The pruned network without masks and without the removed channels ({@link ChannelPruner#compact}). */
    public MultiLayerNetwork compact() {
        if (!rounds.isDone()) {
            throw new IllegalStateException("SparkAutoPrune: pruning is in phase " + rounds.phase()
                    + "; call fitEpoch until isDone() before compact()");
        }
        return ChannelPruner.compact(sparkNet.getNetwork());
    }
}

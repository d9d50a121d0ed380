package dev.autoprune.spark;

import dev.autoprune.AutoPrune;
import dev.autoprune.ChannelPruner;
import dev.autoprune.listener.AutoPruneListener;
import dev.autoprune.listener.PruneSettings;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

import java.util.List;
import java.util.Locale;

/**
 * The LeNet of the Spark test pruned to half its FLOPs on one machine (AutoPruneListener) and on Spark
 * local[2] (SparkAutoPrune), same data, same settings, each until done; then each trained unpruned for as
 * many epochs, to give the accuracy of the control and, on Spark, the extra cost of the pruning rounds.
 * Prints one table row per run. Run: {@code java -cp <test classpath> dev.autoprune.spark.SparkBenchmark}.
 */
public final class SparkBenchmark {

    private static final int BATCH = 16;
    private static final int TRAIN = 2048;
    private static final int ROUNDS = 16;
    private static final int AVERAGING = 4;

    private SparkBenchmark() {
    }

    public static void main(String[] args) {
        DataSet train = SparkTestData.images(TRAIN, 2);
        DataSet test = SparkTestData.images(512, 3);
        PruneSettings.Builder common = PruneSettings.builder().target(0.5).lambda(2.0).warmupEpochs(1)
                .maxSearchEpochs(6).fineTuneEpochs(1);
        System.out.println("| run | epochs | hard FLOPs | test accuracy | wall s |");
        System.out.println("| --- | ---: | ---: | ---: | ---: |");

        // One machine, pruned (patience counts ratio-step checks: 128 per epoch here).
        MultiLayerNetwork one = AutoPrune.prunable(SparkTestData.lenetNet(1));
        AutoPruneListener listener = AutoPruneListener.builder().settings(common.patience(20).build()).build();
        one.addListeners(listener);
        DataSetIterator it = new ListDataSetIterator<>(train.asList(), BATCH);
        long t0 = System.nanoTime();
        int oneEpochs = 0;
        while (!listener.isDone() && oneEpochs < listener.maxTotalEpochs()) {
            one.fit(it);
            oneEpochs++;
        }
        double oneTime = seconds(t0);
        row("one machine, pruned", oneEpochs, listener.hardFraction(), accuracy(ChannelPruner.compact(one), test), oneTime);

        MultiLayerNetwork oneControl = SparkTestData.lenetNet(1);
        t0 = System.nanoTime();
        for (int e = 0; e < oneEpochs; e++) {
            oneControl.fit(it);
        }
        row("one machine, unpruned", oneEpochs, 1.0, accuracy(oneControl, test), seconds(t0));

        SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("SparkBenchmark")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1");
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            JavaRDD<DataSet> rdd = sc.parallelize(train.batchBy(BATCH), 2).cache();
            rdd.count();
            // Spark local[2], pruned (patience counts rounds: 16 per epoch).
            SparkDl4jMultiLayer spark = new SparkDl4jMultiLayer(sc, AutoPrune.prunable(SparkTestData.lenetNet(1)), master());
            SparkAutoPrune<MultiLayerNetwork> pruner = SparkAutoPrune.of(spark, common.patience(3).build(), ROUNDS);
            t0 = System.nanoTime();
            int sparkEpochs = 0;
            while (!pruner.isDone() && sparkEpochs < pruner.maxTotalEpochs()) {
                pruner.fitEpoch(rdd);
                sparkEpochs++;
            }
            double sparkTime = seconds(t0);
            row("Spark local[2], pruned", sparkEpochs, pruner.hardFraction(), accuracy(pruner.compact(), test), sparkTime);

            // The same rounds without pruning: the difference in time is the pruning rounds' extra cost.
            SparkDl4jMultiLayer plain = new SparkDl4jMultiLayer(sc, SparkTestData.lenetNet(1), master());
            JavaPairRDD<DataSet, Long> indexed = rdd.zipWithIndex();
            t0 = System.nanoTime();
            for (int e = 0; e < sparkEpochs; e++) {
                for (int r = 0; r < ROUNDS; r++) {
                    long round = r;
                    plain.fit(indexed.filter(t -> t._2() % ROUNDS == round).keys());
                }
            }
            row("Spark local[2], unpruned", sparkEpochs, 1.0, accuracy(plain.getNetwork(), test), seconds(t0));
        }
    }

    private static ParameterAveragingTrainingMaster master() {
        return new ParameterAveragingTrainingMaster.Builder(BATCH).batchSizePerWorker(BATCH)
                .averagingFrequency(AVERAGING).workerPrefetchNumBatches(0).rngSeed(1).build();
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static double accuracy(MultiLayerNetwork net, DataSet test) {
        INDArray predicted = net.output(test.getFeatures()).argMax(1);
        INDArray actual = test.getLabels().argMax(1);
        return predicted.eq(actual).castTo(DataType.INT).sumNumber().doubleValue() / test.numExamples();
    }

    private static void row(String run, int epochs, double hard, double accuracy, double seconds) {
        System.out.println(String.format(Locale.ROOT, "| %s | %d | %.4f | %.3f | %.1f |", run, epochs, hard, accuracy,
                seconds));
    }
}

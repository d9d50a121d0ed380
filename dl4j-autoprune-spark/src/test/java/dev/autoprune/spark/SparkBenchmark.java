package dev.autoprune.spark;

import dev.autoprune.AutoPrune;
import dev.autoprune.ChannelPruner;
import dev.autoprune.examples.data.BatchOptions;
import dev.autoprune.examples.data.FashionMnist;
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
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The LeNet of the Spark test (10 outputs) pruned to half its FLOPs on one machine (AutoPruneListener) and
 * on Spark local[2] (SparkAutoPrune), on the same Fashion-MNIST images for the same number of epochs
 * (warm-up 1, search at most {@code SEARCH_EPOCHS}, fine-tune 1; a run that is done earlier fine-tunes its
 * hard-masked network for the rest), then the same LeNet trained unpruned on Spark in the same rounds for
 * as many epochs: the difference in wall time is the pruning rounds' extra cost. Accuracy is on the 10,000
 * test images. Appends one table row per run to the output file.
 * Run: {@code java -cp <test classpath> dev.autoprune.spark.SparkBenchmark <seed> <training images> <rows file>}.
 */
public final class SparkBenchmark {

    private static final int BATCH = 32;
    private static final int WORKERS = 2;
    private static final int AVERAGING = 4;
    private static final int SEARCH_EPOCHS = 2;

    private SparkBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: SparkBenchmark <seed> <training images> <rows file>");
        }
        long seed = Long.parseLong(args[0]);
        int trainCount = Integer.parseInt(args[1]);
        Path rows = Path.of(args[2]);
        List<DataSet> train = batches(FashionMnist.Split.TRAIN, trainCount);
        List<DataSet> test = batches(FashionMnist.Split.TEST, 10_000);
        PruneSettings.Builder common = PruneSettings.builder().target(0.5).lambda(2.0).warmupEpochs(1)
                .maxSearchEpochs(SEARCH_EPOCHS).fineTuneEpochs(1).ratioUpdater(new Adam(0.1));
        int epochs = common.build().maxTotalEpochs();
        int rounds = (int) Math.ceil(train.size() / (double) (WORKERS * AVERAGING));

        SparkConf conf = new SparkConf().setMaster("local[" + WORKERS + "]").setAppName("SparkBenchmark")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1");
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            JavaRDD<DataSet> rdd = sc.parallelize(train, WORKERS).cache();
            rdd.count();
            JavaPairRDD<DataSet, Long> indexed = rdd.zipWithIndex().cache();
            // Spark local[2], pruned (patience counts averaging rounds).
            SparkDl4jMultiLayer spark = new SparkDl4jMultiLayer(sc,
                    AutoPrune.prunable(SparkTestData.lenetNet(seed, FashionMnist.NUM_CLASSES)), master(seed));
            SparkAutoPrune<MultiLayerNetwork> pruner = SparkAutoPrune.of(spark, common.patience(3).build(), rounds);
            long t0 = System.nanoTime();
            int sparkDone = 0;
            for (int e = 1; e <= epochs; e++) {
                if (pruner.isDone()) {
                    plainEpoch(spark, indexed, rounds);
                } else {
                    pruner.fitEpoch(rdd);
                }
                sparkDone = sparkDone == 0 && pruner.isDone() ? e : sparkDone;
            }
            double sparkTime = seconds(t0);
            row(rows, seed, "Spark local[2], pruned", sparkDone, pruner.hardFraction(), accuracy(pruner.compact(), test),
                    sparkTime, epochs);

            // The same rounds without pruning: the difference in time is the pruning rounds' extra cost.
            SparkDl4jMultiLayer plain = new SparkDl4jMultiLayer(sc,
                    SparkTestData.lenetNet(seed, FashionMnist.NUM_CLASSES), master(seed));
            t0 = System.nanoTime();
            for (int e = 0; e < epochs; e++) {
                plainEpoch(plain, indexed, rounds);
            }
            row(rows, seed, "Spark local[2], unpruned", 0, 1.0, accuracy(plain.getNetwork(), test), seconds(t0),
                    epochs);
        }

        // One machine, pruned (patience counts ratio-step checks: one per iteration).
        MultiLayerNetwork one = AutoPrune.prunable(SparkTestData.lenetNet(seed, FashionMnist.NUM_CLASSES));
        AutoPruneListener listener = AutoPruneListener.builder().settings(common.patience(20).build()).build();
        one.addListeners(listener);
        ListDataSetIterator<DataSet> it = new ListDataSetIterator<>(train, 1); // one element = one batch
        long t1 = System.nanoTime();
        int oneDone = 0;
        for (int e = 1; e <= epochs; e++) {
            one.fit(it);
            oneDone = oneDone == 0 && listener.isDone() ? e : oneDone;
        }
        double oneTime = seconds(t1);
        row(rows, seed, "one machine, pruned", oneDone, listener.hardFraction(),
                accuracy(ChannelPruner.compact(one), test), oneTime, epochs);
    }

    /** The first {@code count} images of a split in batches of {@link #BATCH}, flattened to 784 features. */
    private static List<DataSet> batches(FashionMnist.Split split, int count) throws IOException {
        var images = FashionMnist.load(FashionMnist.SYSTEM_DIRECTORY, split).first(count);
        var it = images.iterator(BatchOptions.builder().batchSize(BATCH).noShuffle().build());
        List<DataSet> out = new ArrayList<>();
        while (it.hasNext()) {
            DataSet d = it.next();
            long n = d.getFeatures().size(0);
            out.add(new DataSet(d.getFeatures().reshape(n, (long) FashionMnist.IMAGE_SIZE * FashionMnist.IMAGE_SIZE)
                    .castTo(DataType.FLOAT), d.getLabels().castTo(DataType.FLOAT)));
        }
        return out;
    }

    /** One epoch in the pruner's rounds (DataSet object i in round i mod rounds), with no listener. */
    private static void plainEpoch(SparkDl4jMultiLayer net, JavaPairRDD<DataSet, Long> indexed, int rounds) {
        net.setListeners(List.of());
        for (int r = 0; r < rounds; r++) {
            long round = r;
            net.fit(indexed.filter(t -> t._2() % rounds == round).keys());
        }
    }

    private static ParameterAveragingTrainingMaster master(long seed) {
        return new ParameterAveragingTrainingMaster.Builder(BATCH).batchSizePerWorker(BATCH)
                .averagingFrequency(AVERAGING).workerPrefetchNumBatches(0).rngSeed(seed).build();
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static double accuracy(MultiLayerNetwork net, List<DataSet> test) {
        long correct = 0;
        long total = 0;
        for (DataSet d : test) {
            correct += net.output(d.getFeatures()).argMax(1).eq(d.getLabels().argMax(1)).castTo(DataType.INT)
                    .sumNumber().longValue();
            total += d.numExamples();
        }
        return correct / (double) total;
    }

    /** Appends one row: seed, run, epochs, epoch pruning was done in (- for the control), FLOPs, accuracy, time. */
    private static void row(Path rows, long seed, String run, int doneEpoch, double hard, double accuracy,
                            double seconds, int epochs) throws IOException {
        String line = String.format(Locale.ROOT, "| %d | %s | %d | %s | %.4f | %.4f | %.1f |%n", seed, run, epochs,
                doneEpoch == 0 ? "-" : Integer.toString(doneEpoch), hard, accuracy, seconds);
        System.out.print(line);
        Files.writeString(rows, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}

package dev.autoprune.spark;

import dev.autoprune.AutoPrune;
import dev.autoprune.flops.FlopsCounter;
import dev.autoprune.listener.InvalidSettingException;
import dev.autoprune.listener.Phase;
import dev.autoprune.listener.PruneSettings;
import dev.autoprune.layers.MaskedLayer;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;

import java.io.File;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A plain LeNet pruned while it trains on Spark in local mode (two worker threads, parameter averaging):
 * it reaches the FLOPs target, compacts exactly and restores with stock ModelSerializer. The driver takes
 * no ratio step, so reaching the target shows the workers' ratio steps came back through averaging.
 */
class SparkAutoPruneTest {

    private static final int EXAMPLES_PER_DATASET = 16;
    private static JavaSparkContext sc;

    @BeforeAll
    static void startSpark() {
        SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("SparkAutoPruneTest")
                .set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1");
        sc = new JavaSparkContext(conf);
    }

    @AfterAll
    static void stopSpark() {
        if (sc != null) {
            sc.stop();
        }
    }

    private static SparkDl4jMultiLayer sparkNet(MultiLayerNetwork net) {
        ParameterAveragingTrainingMaster tm = new ParameterAveragingTrainingMaster.Builder(EXAMPLES_PER_DATASET)
                .batchSizePerWorker(EXAMPLES_PER_DATASET).averagingFrequency(1).workerPrefetchNumBatches(0)
                .rngSeed(1).build();
        return new SparkDl4jMultiLayer(sc, net, tm);
    }

    private static JavaRDD<DataSet> rdd(int n, long seed) {
        List<DataSet> batches = SparkTestData.images(n, seed).batchBy(EXAMPLES_PER_DATASET);
        return sc.parallelize(batches, 2).cache();
    }

    @Test
    void prunesLenetToTheTargetCompactsExactlyAndRestores(@TempDir Path dir) throws Exception {
        double target = 0.5;
        MultiLayerNetwork net = AutoPrune.prunable(SparkTestData.lenetNet(1));
        SparkDl4jMultiLayer spark = sparkNet(net);
        PruneSettings settings = PruneSettings.builder().target(target).lambda(2.0).warmupEpochs(1)
                .maxSearchEpochs(10).fineTuneEpochs(1).patience(3).ratioUpdater(new Adam(0.1)).build();
        SparkAutoPrune<MultiLayerNetwork> pruner = SparkAutoPrune.of(spark, settings, 8);
        JavaRDD<DataSet> train = rdd(256, 2);

        int epochs = 0;
        while (!pruner.isDone() && epochs < pruner.maxTotalEpochs()) {
            pruner.fitEpoch(train);
            epochs++;
        }
        assertTrue(pruner.isDone(), "not done after " + epochs + " epochs, phase " + pruner.phase()
                + ", hard " + pruner.hardFraction());
        // This LeNet's channels are coarse (one conv1 filter is about 0.02 of the FLOPs), so the rounded counts
        // can sit just above T while the soft fraction is at the aim; then the search runs out and the listener's
        // projection ends it at or below T. Either way the result must meet the stopping rule's band.
        assertTrue(settings.meetsTarget(pruner.hardFraction()),
                "hard FLOPs " + pruner.hardFraction() + " not in [T - tolerance, T]: " + pruner.keptChannels());
        assertEquals(target, pruner.hardFraction(), 0.02, "hard FLOPs " + pruner.keptChannels());
        assertTrue(pruner.rounds().membershipChanges().values().stream().mapToInt(Integer::intValue).sum() > 0,
                "the averaged masks changed their kept sets between rounds");

        MultiLayerNetwork masked = pruner.network();
        MultiLayerNetwork small = pruner.compact();
        double measured = FlopsCounter.of(small.getLayerWiseConfigurations(), SparkTestData.INPUT).totalFlops()
                / (double) FlopsCounter.of(SparkTestData.lenet(1), SparkTestData.INPUT).totalFlops();
        assertEquals(pruner.hardFraction(), measured, 1e-12);
        for (Layer l : small.getLayers()) {
            assertTrue(!(l instanceof MaskedLayer), "no masks left: " + l.conf().getLayer().getLayerName());
        }

        DataSet test = SparkTestData.images(128, 3);
        INDArray expected = masked.output(test.getFeatures());
        assertTrue(expected.equalsWithEps(small.output(test.getFeatures()), 1e-5),
                "compacted outputs equal the hard-masked network's");

        File file = dir.resolve("small.zip").toFile();
        ModelSerializer.writeModel(small, file, false);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, false);
        assertTrue(expected.equalsWithEps(restored.output(test.getFeatures()), 1e-5), "restored outputs");
    }

    @Test
    void refusesBadRoundsAnUnmaskedNetworkAndCompactBeforeDone() {
        IllegalArgumentException unmasked = assertThrows(IllegalArgumentException.class,
                () -> SparkAutoPrune.of(sparkNet(SparkTestData.lenetNet(1)), PruneSettings.defaults(), 1));
        assertTrue(unmasked.getMessage().contains("SparkDl4jMultiLayer's network has no channel masks"),
                unmasked.getMessage());
        SparkDl4jMultiLayer spark = sparkNet(AutoPrune.prunable(SparkTestData.lenetNet(1)));
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> SparkAutoPrune.of(spark, PruneSettings.defaults(), 0));
        assertEquals("roundsPerEpoch", e.setting());
        SparkAutoPrune<MultiLayerNetwork> pruner = SparkAutoPrune.of(spark, PruneSettings.defaults(), 1);
        assertEquals(Phase.WARMUP, pruner.phase());
        IllegalStateException notDone = assertThrows(IllegalStateException.class, pruner::compact);
        assertTrue(notDone.getMessage().contains("WARMUP"), notDone.getMessage());
    }
}

package dev.autoprune.spark;

import dev.autoprune.AutoPrune;
import dev.autoprune.PrunableOptions;
import dev.autoprune.flops.FlopsCounter;
import dev.autoprune.layers.MaskedLayer;
import dev.autoprune.listener.PruneSettings;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
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
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A small residual ComputationGraph (conv/BN, an ElementWiseVertex add, so tied masks) pruned while it trains
 * on Spark in local mode with parameter averaging: it reaches the FLOPs target, compacts exactly and the
 * compacted graph restores bit for bit with stock ModelSerializer. Also the refusals of bad input.
 */
class SparkAutoPruneGraphTest {

    private static final int EXAMPLES_PER_DATASET = 16;
    private static JavaSparkContext sc;

    @BeforeAll
    static void startSpark() {
        SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("SparkAutoPruneGraphTest")
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

    private static ParameterAveragingTrainingMaster master() {
        return new ParameterAveragingTrainingMaster.Builder(EXAMPLES_PER_DATASET)
                .batchSizePerWorker(EXAMPLES_PER_DATASET).averagingFrequency(1).workerPrefetchNumBatches(0)
                .rngSeed(1).build();
    }

    private static ComputationGraph prunableResidual() {
        ComputationGraph net = new ComputationGraph(SparkGraphTestData.residual(1));
        net.init();
        return AutoPrune.prunable(net, PrunableOptions.builder().inputTypes(SparkTestData.INPUT).build());
    }

    @Test
    void prunesAResidualGraphToTheTargetCompactsExactlyAndRestoresBitExactly(@TempDir Path dir) throws Exception {
        double target = 0.5;
        ComputationGraph net = prunableResidual();
        long masks = Arrays.stream(net.getLayers()).filter(l -> l instanceof MaskedLayer).count();
        SparkAutoPrune<ComputationGraph> pruner = SparkAutoPrune.of(new SparkComputationGraph(sc, net, master()),
                PruneSettings.builder().target(target).lambda(2.0).warmupEpochs(1).maxSearchEpochs(10)
                        .fineTuneEpochs(1).patience(3).ratioUpdater(new Adam(0.2)).build(), 8);
        JavaRDD<DataSet> train = sc.parallelize(SparkTestData.images(256, 2).batchBy(EXAMPLES_PER_DATASET), 2).cache();

        int epochs = 0;
        while (!pruner.isDone() && epochs < pruner.maxTotalEpochs()) {
            pruner.fitEpoch(train);
            epochs++;
        }
        assertTrue(pruner.isDone(), "not done after " + epochs + " epochs, phase " + pruner.phase());
        assertTrue(masks > pruner.keptChannels().size(), "the residual add ties masks: " + masks + " masks, groups "
                + pruner.keptChannels());
        assertTrue(epochs < pruner.maxTotalEpochs(), "the stopping rule ended the search: " + epochs + " epochs");
        assertEquals(target, pruner.hardFraction(), 0.02, "hard FLOPs " + pruner.keptChannels());

        ComputationGraph masked = pruner.network();
        ComputationGraph small = pruner.compact();
        double measured = FlopsCounter.of(small.getConfiguration(), SparkTestData.INPUT).totalFlops()
                / (double) FlopsCounter.of(SparkGraphTestData.residual(1), SparkTestData.INPUT).totalFlops();
        assertEquals(pruner.hardFraction(), measured, 1e-12);
        for (Layer l : small.getLayers()) {
            assertTrue(!(l instanceof MaskedLayer), "no masks left: " + l.conf().getLayer().getLayerName());
        }
        long stemOut = small.getLayer("stem").getParam("W").size(0);
        assertEquals(stemOut, small.getLayer("b").getParam("W").size(0), "the add's two inputs keep the same channels");
        assertTrue(pruner.keptChannels().containsValue((int) stemOut), "stem keeps " + stemOut + " channels, groups "
                + pruner.keptChannels());

        INDArray features = SparkTestData.images(128, 3).getFeatures();
        INDArray expected = masked.outputSingle(features);
        INDArray compacted = small.outputSingle(features);
        assertTrue(expected.equalsWithEps(compacted, 1e-5), "compacted outputs equal the hard-masked graph's");

        File file = dir.resolve("small-graph.zip").toFile();
        ModelSerializer.writeModel(small, file, false);
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(file, false);
        assertArrayEquals(small.params().toFloatVector(), restored.params().toFloatVector(), "restored parameters");
        assertArrayEquals(compacted.ravel().toFloatVector(), restored.outputSingle(features).ravel().toFloatVector(),
                "restored outputs");
    }

    @Test
    void refusesAGraphWithNoMasksAndMissingOrTooLittleData() {
        IllegalArgumentException noMasks = assertThrows(IllegalArgumentException.class, () -> SparkAutoPrune.of(
                new SparkComputationGraph(sc, SparkGraphTestData.dense(1), master()), PruneSettings.defaults(), 1));
        assertTrue(noMasks.getMessage().contains("SparkComputationGraph's network has no channel masks")
                && noMasks.getMessage().contains("AutoPrune.prunable"), noMasks.getMessage());

        SparkAutoPrune<ComputationGraph> pruner = SparkAutoPrune.of(
                new SparkComputationGraph(sc, prunableResidual(), master()), PruneSettings.defaults(), 4);
        IllegalArgumentException noData = assertThrows(IllegalArgumentException.class, () -> pruner.fitEpoch(null));
        assertTrue(noData.getMessage().contains("training data RDD is null"), noData.getMessage());
        JavaRDD<DataSet> three = sc.parallelize(SparkTestData.images(48, 4).batchBy(EXAMPLES_PER_DATASET), 2);
        IllegalArgumentException tooFew = assertThrows(IllegalArgumentException.class, () -> pruner.fitEpoch(three));
        assertTrue(tooFew.getMessage().contains("3 DataSet objects, fewer than roundsPerEpoch (4)"), tooFew.getMessage());
        assertEquals(0, pruner.rounds().rounds(), "nothing trained");
    }
}

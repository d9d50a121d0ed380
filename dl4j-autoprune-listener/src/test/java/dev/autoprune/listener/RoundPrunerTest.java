package dev.autoprune.listener;

import dev.autoprune.AutoPrune;
import dev.autoprune.PrunableOptions;
import dev.autoprune.layers.MaskMode;
import dev.autoprune.layers.MaskedLayer;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The driver/worker split without Spark: a "worker" is a network rebuilt from the driver's configuration and
 * parameters (what a parameter-averaging training master sends) running a serialised copy of the round's
 * listener; its parameters come back as the "average" of one worker.
 */
class RoundPrunerTest {

    private static final InputType INPUT = InputType.convolutional(ListenerTestData.SIZE, ListenerTestData.SIZE, 1);

    @Test
    void validatesRoundsAndCalls() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> new RoundPruner(PruneSettings.defaults(), 0));
        assertEquals("roundsPerEpoch", e.setting());
        RoundPruner rounds = new RoundPruner(PruneSettings.defaults(), 2);
        assertThrows(IllegalStateException.class, () -> rounds.endRound(1));
        rounds.beginRound(plainPrunableNet());
        assertThrows(IllegalArgumentException.class, () -> rounds.endRound(0));
        assertThrows(IllegalStateException.class, () -> rounds.beginRound(plainPrunableNet()),
                "a second network is refused");
    }

    @Test
    void warmupRoundsHaveNoWorkerListenerAndSearchRoundsMoveTheAveragedRatiosTowardTheTarget() throws Exception {
        MultiLayerNetwork driver = plainPrunableNet();
        RoundPruner rounds = new RoundPruner(PruneSettings.builder().target(0.5).warmupEpochs(1).maxSearchEpochs(4)
                .build(), 2);
        List<DataSet> batches = ListenerTestData.images(64, 2).batchBy(16);

        assertTrue(rounds.beginRound(driver).isEmpty(), "warm-up: plain training on the workers");
        assertEquals(MaskMode.IDENTITY, firstMask(driver).maskConfig().getMaskSettings().getMode());
        rounds.endRound(1);
        rounds.endEpoch();
        assertEquals(Phase.SEARCH, rounds.phase());

        double softBefore = rounds.softFraction();
        for (int round = 0; round < 2; round++) {
            Optional<TrainingListener> listener = rounds.beginRound(driver);
            WorkerRatioSteps sent = assertInstanceOf(WorkerRatioSteps.class, listener.orElseThrow());
            assertEquals(rounds.temperature(), sent.temperature(), 0.0);
            MultiLayerNetwork worker = new MultiLayerNetwork(driver.getLayerWiseConfigurations().clone());
            worker.init(driver.params().dup(), false);
            assertEquals(MaskMode.SOFT, firstMask(worker).maskConfig().getMaskSettings().getMode(),
                    "the mode travels with the configuration");
            WorkerRatioSteps copy = serialisedCopy(sent);
            worker.setListeners(copy);
            for (DataSet b : batches.subList(2 * round, 2 * round + 2)) {
                worker.fit(b);
            }
            assertEquals(2, copy.ratioStepsTaken());
            assertEquals(0, sent.ratioStepsTaken(), "the driver's copy takes no step");
            driver.setParams(worker.params());
            double tauBefore = rounds.temperature();
            rounds.endRound(2);
            assertTrue(rounds.temperature() < tauBefore, "tau is annealed over the rounds");
        }
        assertTrue(rounds.softFraction() < softBefore, "soft FLOPs " + softBefore + " -> " + rounds.softFraction());
        assertEquals(2, rounds.history().size());
        assertEquals(3, rounds.rounds());
    }

    /** A plain CNN made prunable by {@code AutoPrune.prunable}, which records the input types in the masks. */
    private static MultiLayerNetwork plainPrunableNet() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).dataType(DataType.FLOAT)
                .updater(new Adam(3e-3)).weightInit(WeightInit.RELU).list()
                .layer(new ConvolutionLayer.Builder(3, 3).name("conv1").nOut(8).padding(1, 1)
                        .activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(2, 2).name("pool1").stride(2, 2).build())
                .layer(new ConvolutionLayer.Builder(3, 3).name("conv2").nOut(8).padding(1, 1)
                        .activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().name("dense").nOut(16).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("out")
                        .nOut(ListenerTestData.CLASSES).activation(Activation.SOFTMAX).build())
                .setInputType(INPUT).build();
        MultiLayerNetwork net = new MultiLayerNetwork(AutoPrune.prunable(conf,
                PrunableOptions.builder().inputTypes(INPUT).build()));
        net.init();
        return net;
    }

    private static MaskedLayer firstMask(MultiLayerNetwork net) {
        for (Layer l : net.getLayers()) {
            if (l instanceof MaskedLayer m) {
                return m;
            }
        }
        throw new AssertionError("no mask");
    }

    private static WorkerRatioSteps serialisedCopy(WorkerRatioSteps l) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(l);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (WorkerRatioSteps) in.readObject();
        }
    }
}

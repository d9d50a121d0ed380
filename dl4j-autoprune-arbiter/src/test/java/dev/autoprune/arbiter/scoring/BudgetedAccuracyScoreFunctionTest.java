package dev.autoprune.arbiter.scoring;

import dev.autoprune.layers.MaskedConvolutionLayer;
import org.deeplearning4j.arbiter.optimize.api.score.ScoreFunction;
import org.deeplearning4j.arbiter.optimize.serde.jackson.JsonMapper;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The FLOPs-budgeted accuracy score: validation, ranking, measuring a hard-masked network, JSON. */
class BudgetedAccuracyScoreFunctionTest {

    @Test
    void budgetOutsideUnitIntervalIsRefused() {
        assertEquals("BudgetedAccuracyScoreFunction: flopsBudget must be in (0, 1], found 0.0",
                assertThrows(IllegalArgumentException.class, () -> new BudgetedAccuracyScoreFunction(0.0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BudgetedAccuracyScoreFunction(1.01));
        assertThrows(IllegalArgumentException.class, () -> new BudgetedAccuracyScoreFunction(Double.NaN));
    }

    @Test
    void candidatesOverBudgetScoreBelowEveryCandidateWithinIt() {
        BudgetedAccuracyScoreFunction f = new BudgetedAccuracyScoreFunction(0.5);
        PruningOutcome within = outcome(0.10, 0.50);
        PruningOutcome slightlyOver = outcome(0.99, 0.51);
        PruningOutcome farOver = outcome(0.99, 0.90);
        assertEquals(0.10, f.score(within), 0.0, "within budget: the accuracy");
        assertTrue(f.withinBudget(within));
        assertFalse(f.withinBudget(slightlyOver));
        assertTrue(f.score(within) > f.score(slightlyOver), "a poor model within budget beats an accurate one over it");
        assertTrue(f.score(slightlyOver) > f.score(farOver), "less over budget ranks higher");
        assertEquals(0.99 - 1 - 0.01, f.score(slightlyOver), 1e-12);
        assertFalse(f.minimize());
    }

    @Test
    void measuresAHardMaskedNetworkAndRefusesSoftMasks() {
        MultiLayerNetwork net = maskedNet();
        ListDataSetIterator<DataSet> data = new ListDataSetIterator<>(
                new DataSet(Nd4j.rand(8, 1, 6, 6), Nd4j.eye(2).repeat(0, 4)).batchBy(4), 4);
        IllegalStateException soft = assertThrows(IllegalStateException.class,
                () -> HardMaskedEvaluation.measure(net, data, null));
        assertTrue(soft.getMessage().contains("(layer name=\"conv\") is in IDENTITY mode"), soft.getMessage());

        MaskedConvolutionLayer conf = (MaskedConvolutionLayer) net.getLayer(0).conf().getLayer();
        conf.getMaskSettings().setMode(dev.autoprune.layers.MaskMode.HARD);
        PruningOutcome o = HardMaskedEvaluation.measure(net, data, null);
        assertEquals(Map.of("conv", 2), o.keptChannels(), "initial ratio 0.5 of 4 channels");
        assertEquals(Map.of("conv", 4), o.channels());
        // conv: 4 outputs x 36 positions x 9 MACs; dense: 4*36 inputs x 2. Halving the channels halves both.
        assertEquals(0.5, o.hardFlopsFraction(), 1e-9);
        double score = new BudgetedAccuracyScoreFunction(0.6).score(net, new DataProviderStub(data), Map.of());
        assertEquals(o.accuracy(), score, 1e-12);
    }

    @Test
    void jsonRoundTrip() throws Exception {
        ScoreFunction f = new BudgetedAccuracyScoreFunction(0.35);
        String json = JsonMapper.getMapper().writeValueAsString(f);
        assertEquals(f, JsonMapper.getMapper().readValue(json, ScoreFunction.class));
    }

    private static PruningOutcome outcome(double accuracy, double hard) {
        return new PruningOutcome(accuracy, hard, 1000, Map.of("g", 1), Map.of("g", 2));
    }

    private static MultiLayerNetwork maskedNet() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).list()
                .layer(new MaskedConvolutionLayer.Builder(3, 3).name("conv").nOut(4)
                        .convolutionMode(org.deeplearning4j.nn.conf.ConvolutionMode.Same).activation(Activation.RELU)
                        .initialRatio(0.5).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2).activation(Activation.SOFTMAX)
                        .build())
                .setInputType(InputType.convolutional(6, 6, 1)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** A DataProvider over one iterator (Arbiter's older data API). */
    private record DataProviderStub(ListDataSetIterator<DataSet> data)
            implements org.deeplearning4j.arbiter.optimize.api.data.DataProvider {
        @Override
        public Object trainData(Map<String, Object> dataParameters) {
            return data;
        }

        @Override
        public Object testData(Map<String, Object> dataParameters) {
            return data;
        }

        @Override
        public Class<?> getDataType() {
            return List.class;
        }
    }
}

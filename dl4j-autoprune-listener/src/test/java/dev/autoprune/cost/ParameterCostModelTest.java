package dev.autoprune.cost;

import dev.autoprune.graph.ChannelGroups;
import dev.autoprune.graph.TestNetworks;
import dev.autoprune.layers.ChannelMaskLayer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The normalised parameter-count cost model: DL4J's own counts, exact gradient, minimum. */
class ParameterCostModelTest {

    private static final InputType INPUT = InputType.convolutional(12, 12, 1);

    /** conv(w1)->BN->relu->[mask]->pool->conv(w2)->BN->relu->[mask]->pool->dense(32)->out(4). */
    private static MultiLayerConfiguration cnn(int w1, int w2, boolean masks) {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder().list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(w1).padding(1, 1).activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new ActivationLayer.Builder().activation(Activation.RELU).build());
        if (masks) {
            b.layer(new ChannelMaskLayer.Builder().name("mask1").minChannels(2).build());
        }
        b.layer(new SubsamplingLayer.Builder(2, 2).stride(2, 2).build())
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(w2).padding(1, 1).activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new ActivationLayer.Builder().activation(Activation.RELU).build());
        if (masks) {
            b.layer(new ChannelMaskLayer.Builder().name("mask2").minChannels(4).build());
        }
        return b.layer(new SubsamplingLayer.Builder(2, 2).stride(2, 2).build())
                .layer(new DenseLayer.Builder().nOut(32).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(4)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(INPUT).build();
    }

    private static long dl4jParams(int w1, int w2) {
        MultiLayerNetwork net = new MultiLayerNetwork(cnn(w1, w2, false));
        net.init();
        return net.numParams();
    }

    @Test
    void countsMatchDl4jAtFullWidthAndForKeptChannels() {
        ParameterCostModel m = ParameterCostModel.of(ChannelGroups.of(cnn(16, 32, true), INPUT));
        assertEquals("parameters", m.name());
        assertEquals(List.of("mask1", "mask2"), m.groupIds());
        assertEquals(dl4jParams(16, 32), m.fullParams(), "mask parameters are not counted");
        for (int[] kept : new int[][] {{16, 32}, {8, 20}, {3, 7}, {2, 4}}) {
            Map<String, Integer> k = Map.of("mask1", kept[0], "mask2", kept[1]);
            assertEquals(dl4jParams(kept[0], kept[1]), m.counter().hardParams(k), "kept " + k);
            assertEquals(dl4jParams(kept[0], kept[1]) / (double) dl4jParams(16, 32), m.hardFraction(k), 1e-15);
        }
        assertEquals(dl4jParams(2, 4) / (double) dl4jParams(16, 32), m.minimumFraction(), 1e-12,
                "every group at its minChannels");
        assertEquals(m.hardFraction(Map.of("mask1", 4, "mask2", 8)), m.fraction(Map.of("mask1", 0.25, "mask2", 0.25)),
                1e-12);
    }

    @Test
    void gradientMatchesCentralDifferences() {
        Random rnd = new Random(11);
        for (ParameterCostModel m : List.of(ParameterCostModel.of(ChannelGroups.of(TestNetworks.resnet(), TestNetworks.RGB8)),
                ParameterCostModel.of(ChannelGroups.of(TestNetworks.inception(), TestNetworks.RGB8)),
                ParameterCostModel.of(ChannelGroups.of(TestNetworks.separable(), TestNetworks.RGB8)))) {
            CostModelChecks.assertGradientMatchesCentralDifferences(m, rnd);
        }
    }

    @Test
    void flopsAndParametersWeighTheGroupsDifferently() {
        ChannelGroups groups = ChannelGroups.of(cnn(16, 32, true), INPUT);
        CostModel flops = FlopsCostModel.of(groups);
        CostModel params = ParameterCostModel.of(groups);
        Map<String, Double> half = Map.of("mask1", 1.0, "mask2", 0.5);
        // The first convolution runs at full resolution (FLOPs-heavy); the dense layer holds most parameters.
        assertTrue(params.fraction(half) < flops.fraction(half), params.fraction(half) + " vs " + flops.fraction(half));
    }
}

package dev.autoprune.listener;

import dev.autoprune.cost.CostModel;
import dev.autoprune.cost.FlopsCostModel;
import dev.autoprune.layers.MaskedLayer;
import dev.autoprune.optimize.SharedAdam;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ratio updater (theta) and the score updater: each steps only its own parameters, at its own rate. */
class AutoPruneListenerUpdaterTest {

    private static final InputType INPUT = InputType.convolutional(ListenerTestData.SIZE, ListenerTestData.SIZE, 1);

    private static List<MaskedLayer> masks(MultiLayerNetwork net) {
        List<MaskedLayer> out = new ArrayList<>();
        for (Layer l : net.getLayers()) {
            if (l instanceof MaskedLayer m) {
                out.add(m);
            }
        }
        return out;
    }

    private static double[] thetas(MultiLayerNetwork net) {
        return masks(net).stream().mapToDouble(MaskedLayer::theta).toArray();
    }

    /**
     * How far each group's theta moves in one search epoch (five ratio steps) under a strong penalty on a
     * cost that weighs the second group four times the first: the second group's theta gradient is about
     * four times the first's.
     */
    private static double[] thetaMoves(IUpdater ratioUpdater) {
        MultiLayerNetwork net = ListenerTestData.cnnNet(5);
        CostModel cost = TestCosts.linear(FlopsCostModel.of(net, INPUT), 1, 4);
        AutoPruneListener pruner = AutoPruneListener.builder().costModel(cost).target(0.1).lambda(100)
                .warmupEpochs(0).maxSearchEpochs(5).patience(1000).ratioUpdater(ratioUpdater).build();
        double[] before = thetas(net);
        net.setListeners(pruner);
        net.fit(ListenerTestData.iterator(160, 32, 4));
        assertEquals(5, pruner.ratioSteps());
        double[] after = thetas(net);
        return new double[] {before[0] - after[0], before[1] - after[1]};
    }

    @Test
    void groupsWithDifferentCostGradientsMoveAtDifferentRatesUnderSharedAdamAndAlikeUnderAdam() {
        double[] shared = thetaMoves(new SharedAdam(0.05));
        double[] adam = thetaMoves(new Adam(0.05));
        assertTrue(shared[0] > 0 && shared[1] > 0 && adam[0] > 0 && adam[1] > 0, "every theta falls: "
                + java.util.Arrays.toString(shared) + " " + java.util.Arrays.toString(adam));
        assertEquals(1.0, adam[1] / adam[0], 0.2, "per-coordinate Adam: lockstep, whatever the gradients");
        assertTrue(shared[1] / shared[0] > 3, "SharedAdam: the costlier group moves about four times as far, "
                + "found " + shared[1] / shared[0]);
    }

    @Test
    void theScoreUpdaterStepsTheScoresAndTheRatioUpdaterTheThetas() {
        // Learning rates that are as good as zero freeze one kind of parameter and not the other.
        MultiLayerNetwork net = ListenerTestData.cnnNet(6);
        AutoPruneListener pruner = AutoPruneListener.builder().targetFlops(0.3).warmupEpochs(0).maxSearchEpochs(5)
                .patience(1000).ratioUpdater(new Sgd(1e-300)).scoreUpdater(new Adam(0.05)).build();
        double[] theta = thetas(net);
        net.setListeners(pruner);
        net.fit(ListenerTestData.iterator(64, 32, 4)); // the search starts here and seeds the scores
        double[] seededScores = masks(net).get(1).scores().clone();
        assertArrayEquals(theta, thetas(net), 0.0, "theta did not move");
        net.fit(ListenerTestData.iterator(64, 32, 4));
        assertArrayEquals(theta, thetas(net), 0.0, "theta did not move");
        assertTrue(!java.util.Arrays.equals(seededScores, masks(net).get(1).scores()), "the scores moved");

        MultiLayerNetwork other = ListenerTestData.cnnNet(6);
        AutoPruneListener frozenScores = AutoPruneListener.builder().targetFlops(0.3).warmupEpochs(0)
                .maxSearchEpochs(5).patience(1000).ratioUpdater(new Adam(0.05)).scoreUpdater(new Sgd(1e-300)).build();
        other.setListeners(frozenScores);
        other.fit(ListenerTestData.iterator(64, 32, 4));
        double[] seeded = masks(other).get(1).scores().clone();
        other.fit(ListenerTestData.iterator(64, 32, 4));
        assertArrayEquals(seeded, masks(other).get(1).scores(), 0.0, "the scores did not move");
        assertTrue(thetas(other)[1] != theta[1], "theta moved");
    }
}

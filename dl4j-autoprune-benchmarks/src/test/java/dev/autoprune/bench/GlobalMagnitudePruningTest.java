package dev.autoprune.bench;

import dev.autoprune.cost.FlopsCostModel;
import dev.autoprune.graph.ChannelGroup;
import dev.autoprune.graph.ChannelGroups;
import dev.autoprune.importance.ChannelImportance;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GlobalMagnitudePruningTest {

    /**
     * VGG-BN with a clearly unimportant group: 24 of conv2's 32 BN scales are near zero, the other
     * groups' scales are spread evenly. Global ranking cuts conv2 far more than uniform pruning does, and
     * stops at or just below the target: one channel back in any group would be worth less than the gap.
     */
    @Test
    void cutsTheUnimportantGroupMoreThanUniformAndStopsJustBelowTheTarget() {
        BenchModel net = BenchNets.Net.VGG_BN.network(7, 1e-3);
        MultiLayerNetwork m = net.multiLayer();
        setGamma(m.getLayer("bn1").getParam("gamma"), i -> 0.5 + i / 16.0);
        setGamma(m.getLayer("bn2").getParam("gamma"), i -> i % 4 == 0 ? 1.0 : 0.01);
        setGamma(m.getLayer("bn3").getParam("gamma"), i -> 0.5 + i / 64.0);
        double target = 0.3;

        GlobalMagnitudePruning.Result global = GlobalMagnitudePruning.prune(net, target);
        UniformL1Pruning.Result uniform = UniformL1Pruning.prune(net, target);

        ChannelGroups groups = net.prunable().groups();
        String conv2 = groupOf(groups, "conv2");
        assertTrue(global.kept().get(conv2) <= 10, "global keeps " + global.kept());
        assertTrue(global.kept().get(conv2) < uniform.kept().get(conv2), global.kept() + " vs uniform " + uniform.kept());
        for (String other : new String[] {groupOf(groups, "conv1"), groupOf(groups, "conv3")}) {
            assertTrue(global.kept().get(other) > uniform.kept().get(other), global.kept() + " vs uniform " + uniform.kept());
        }
        // The FLOPs reached: the compacted network's own count, at or below the target...
        double actual = (double) global.network().flops() / net.flops();
        assertEquals(global.hardFlops(), actual, 1e-9);
        assertTrue(actual <= target, "FLOPs " + actual);
        // ...and just below it: the last channel removed was worth at most the largest one-channel step.
        FlopsCostModel flops = FlopsCostModel.of(groups);
        double largestStep = 0;
        for (String id : global.kept().keySet()) {
            Map<String, Integer> plusOne = new HashMap<>(global.kept());
            plusOne.put(id, Math.min(flops.channels(id), plusOne.get(id) + 1));
            largestStep = Math.max(largestStep, flops.hardFraction(plusOne) - actual);
        }
        assertTrue(target - actual < largestStep, "gap " + (target - actual) + " vs step " + largestStep);
    }

    @Test
    void tiedResidualGroupsStayTiedAndTheTargetIsMet() {
        BenchModel net = BenchNets.Net.RESNET.network(3, 1e-3);
        GlobalMagnitudePruning.Result r = GlobalMagnitudePruning.prune(net, 0.3);
        double actual = (double) r.network().flops() / net.flops();
        assertTrue(actual <= 0.3 && actual > 0.25, "FLOPs " + actual);
        String kept = KeptWidths.of(net).describe(r.network());
        assertTrue(kept.startsWith("stem="), kept);
        assertEquals(r.network().layer("stem").getParam("W").size(0), r.network().layer("s1b2_conv2").getParam("W").size(0));
    }

    @Test
    void rankingUsesBatchNormScalesWhereAGroupHasThemElseFilterL2() {
        ChannelGroups lenet = BenchNets.Net.LENET.network(1, 1e-3).prunable().groups();
        ChannelGroups vgg = BenchNets.Net.VGG_BN.network(1, 1e-3).prunable().groups();
        for (ChannelGroup g : lenet.masked()) {
            assertSame(ChannelImportance.l2(), GlobalMagnitudePruning.importance(g, lenet), g.id());
        }
        for (ChannelGroup g : vgg.masked()) {
            assertSame(ChannelImportance.bnGamma(), GlobalMagnitudePruning.importance(g, vgg), g.id());
        }
    }

    @Test
    void normalisesEachGroupByItsMean() {
        assertArrayEquals(new double[] {0.5, 1.5}, GlobalMagnitudePruning.normalisedByMean(new double[] {1, 3}), 1e-12);
        assertArrayEquals(new double[] {1, 1}, GlobalMagnitudePruning.normalisedByMean(new double[] {0, 0}), 0);
    }

    @Test
    void refusesTargetsItCannotReach() {
        BenchModel net = BenchNets.Net.LENET.network(1, 1e-3);
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> GlobalMagnitudePruning.prune(net, 0));
        assertTrue(zero.getMessage().contains("must be in (0, 1]"), zero.getMessage());
        IllegalArgumentException tiny = assertThrows(IllegalArgumentException.class,
                () -> GlobalMagnitudePruning.prune(net, 1e-4));
        assertTrue(tiny.getMessage().contains("minimum channels"), tiny.getMessage());
    }

    private static String groupOf(ChannelGroups groups, String producer) {
        return groups.masked().stream().filter(g -> g.producers().contains(producer)).findFirst().orElseThrow().id();
    }

    private static void setGamma(INDArray gamma, java.util.function.IntToDoubleFunction value) {
        for (int i = 0; i < gamma.length(); i++) {
            gamma.putScalar(i, value.applyAsDouble(i));
        }
    }
}

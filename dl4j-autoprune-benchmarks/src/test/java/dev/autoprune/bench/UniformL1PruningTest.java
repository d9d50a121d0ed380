package dev.autoprune.bench;

import dev.autoprune.AutoPrune;
import dev.autoprune.flops.FlopsCounter;
import dev.autoprune.graph.ChannelGroup;
import dev.autoprune.graph.ChannelGroups;
import dev.autoprune.importance.ChannelImportance;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UniformL1PruningTest {

    @Test
    void matchesTheFlopsTargetAndKeepsTheLargestFilters() {
        MultiLayerNetwork net = new MultiLayerNetwork(BenchNets.lenet(3, 1e-3));
        net.init();
        UniformL1Pruning.Result r = UniformL1Pruning.prune(BenchModel.of(net), 0.3);
        MultiLayerNetwork pruned = r.network().multiLayer();
        double actual = (double) FlopsCounter.of(pruned).totalFlops() / FlopsCounter.of(net).totalFlops();
        assertEquals(r.hardFlops(), actual, 1e-9);
        assertEquals(0.3, actual, 0.02);
        // The same fraction in every group.
        ConvolutionLayer c1 = (ConvolutionLayer) pruned.getLayer("conv1").conf().getLayer();
        ConvolutionLayer c2 = (ConvolutionLayer) pruned.getLayer("conv2").conf().getLayer();
        assertEquals(Math.round(r.keepFraction() * 20), c1.getNOut());
        assertEquals(Math.round(r.keepFraction() * 50), c2.getNOut());
        // conv1 keeps its filters with the largest L1 norms: the smallest kept norm >= the largest dropped one.
        double[] norms = Transforms.abs(net.getLayer("conv1").getParam("W"), true).sum(1, 2, 3).toDoubleVector();
        INDArray keptW = pruned.getLayer("conv1").getParam("W");
        double[] keptNorms = Transforms.abs(keptW, true).sum(1, 2, 3).toDoubleVector();
        double minKept = java.util.Arrays.stream(keptNorms).min().orElseThrow();
        long larger = java.util.Arrays.stream(norms).filter(v -> v > minKept + 1e-6).count();
        assertTrue(larger < keptNorms.length, "a dropped filter had a larger L1 norm than a kept one");
        for (Layer l : pruned.getLayers()) {
            assertTrue(!l.getClass().getName().startsWith("dev.autoprune"), "compacted net holds " + l.getClass());
        }
    }

    /**
     * The baseline ranks by {@link ChannelImportance#l1()}, which divides each producer's norms by their
     * mean; it used to rank by the raw L1 sums. Every group of the benchmark networks has one producer,
     * so both give the same order (ties to the lower index, as HARD masks break them), hence the same
     * kept set for every kept count. (The ResNet's tied groups have several producers; the tied case is
     * in {@code SmallResNetTest}.)
     */
    @Test
    void rankingEqualsTheRawFilterL1OnTheBenchmarkNetworks() {
        for (BenchNets.Net which : List.of(BenchNets.Net.LENET, BenchNets.Net.VGG_BN)) {
            MultiLayerNetwork net = new MultiLayerNetwork(which.conf(5, 1e-3));
            net.init();
            MultiLayerNetwork masked = AutoPrune.prunable(net);
            ChannelGroups groups = ChannelGroups.of(masked);
            for (ChannelGroup g : groups.masked()) {
                assertEquals(1, g.producers().size(), which + " " + g.id());
                double[] raw = rawFilterL1(masked, g.producers().get(0));
                double[] l1 = ChannelImportance.l1().of(masked, groups, g.id());
                assertArrayEquals(order(raw), order(l1), which + " group " + g.id());
            }
        }
    }

    /** The criterion the baseline used before: the L1 norm of each producing filter. */
    private static double[] rawFilterL1(MultiLayerNetwork net, String producer) {
        INDArray w = net.getLayer(producer).getParam("W");
        return (w.rank() == 4 ? Transforms.abs(w, true).sum(1, 2, 3) : Transforms.abs(w, true).sum(0)).toDoubleVector();
    }

    /** Channel indices by decreasing value, ties to the lower index. */
    private static int[] order(double[] v) {
        List<Integer> idx = IntStream.range(0, v.length).boxed().toList();
        return idx.stream().sorted(Comparator.comparingDouble((Integer i) -> -v[i]).thenComparing(i -> i))
                .mapToInt(Integer::intValue).toArray();
    }
}

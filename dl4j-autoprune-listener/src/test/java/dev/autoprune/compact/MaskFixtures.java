package dev.autoprune.compact;

import dev.autoprune.graph.ChannelGroup;
import dev.autoprune.graph.ChannelGroups;
import dev.autoprune.graph.TestNetworks;
import dev.autoprune.layers.MaskedLayer;
import org.deeplearning4j.nn.api.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/** Random, uneven HARD masks (the first group at its minChannels) and random BatchNormalization statistics. */
final class MaskFixtures {

    private MaskFixtures() {
    }

    /** Sets every masked group to a random kept set (tied masks identical); returns the kept counts. */
    static Map<String, Integer> randomMasks(ChannelGroups groups, Function<String, MaskedLayer> layers, Random rnd) {
        Map<String, Integer> kept = new LinkedHashMap<>();
        boolean first = true;
        for (ChannelGroup g : groups.masked()) {
            int c = (int) g.channels();
            int min = g.minChannels();
            int k = first ? min : min + rnd.nextInt(Math.max(1, c - min));
            first = false;
            double[] scores = TestNetworks.randomScores(c, rnd);
            for (String m : g.maskNames()) {
                TestNetworks.setKept(layers.apply(m), k, scores);
            }
            kept.put(g.id(), k);
        }
        return kept;
    }

    /** Random gamma, beta, mean and variance (or log10 std) for a BatchNormalization layer; other layers unchanged. */
    static void randomBatchNorm(Layer layer, Random rnd) {
        for (Map.Entry<String, INDArray> e : layer.paramTable().entrySet()) {
            INDArray p = e.getValue();
            double lo;
            double hi;
            switch (e.getKey()) {
                case "gamma" -> { lo = 0.5; hi = 1.5; }
                case "beta", "mean" -> { lo = -0.5; hi = 0.5; }
                case "var" -> { lo = 0.5; hi = 2; }
                case "log10stdev" -> { lo = -0.2; hi = 0.2; }
                default -> { continue; }
            }
            INDArray r = Nd4j.rand(p.dataType(), p.shape()).muli(hi - lo).addi(lo);
            p.assign(r);
        }
    }
}

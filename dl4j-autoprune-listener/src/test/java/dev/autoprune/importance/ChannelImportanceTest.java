package dev.autoprune.importance;

import dev.autoprune.graph.ChannelGroup;
import dev.autoprune.graph.ChannelGroups;
import dev.autoprune.graph.TestNetworks;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The built-in criteria against values computed here straight from the parameters. */
class ChannelImportanceTest {

    @Test
    void l1AndL2AreTheProducingFilterNormsOverTheirMean() {
        MultiLayerNetwork net = TestNetworks.init(TestNetworks.lenet());
        ChannelGroups groups = ChannelGroups.of(net);
        INDArray w = net.getLayer("c1").getParam("W"); // [6, 1, 5, 5]
        assertArrayEquals(overMean(Transforms.abs(w, true).sum(1, 2, 3).toDoubleVector()),
                ChannelImportance.l1().of(net, groups, "c1"), 1e-12);
        assertArrayEquals(overMean(w.norm2(1, 2, 3).toDoubleVector()),
                ChannelImportance.l2().of(net, groups, "c1"), 1e-12);
    }

    @Test
    void bnGammaReadsTheBatchNormScalesAndFallsBackToL1WithoutThem() {
        MultiLayerNetwork vgg = TestNetworks.init(TestNetworks.vggBn());
        ChannelGroups groups = ChannelGroups.of(vgg, TestNetworks.RGB8);
        double[] gamma = {0.5, -2.0, 1.0, 0.25, -0.75, 3.0, 1.5, -1.0};
        vgg.getLayer(1).getParam("gamma").assign(Nd4j.createFromArray(gamma).reshape(1, 8).castTo(
                vgg.getLayer(1).getParam("gamma").dataType()));
        double[] abs = new double[gamma.length];
        for (int i = 0; i < gamma.length; i++) {
            abs[i] = Math.abs(gamma[i]);
        }
        assertArrayEquals(overMean(abs), ChannelImportance.bnGamma().of(vgg, groups, "m1"), 1e-6);

        MultiLayerNetwork lenet = TestNetworks.init(TestNetworks.lenet());
        ChannelGroups lenetGroups = ChannelGroups.of(lenet);
        assertArrayEquals(ChannelImportance.l1().of(lenet, lenetGroups, "c2"),
                ChannelImportance.bnGamma().of(lenet, lenetGroups, "c2"), 0.0);
    }

    @Test
    void aCoupledGroupAddsItsLayersEachOverItsOwnMean() {
        ComputationGraph net = TestNetworks.init(TestNetworks.resnet());
        ChannelGroups groups = ChannelGroups.of(net, TestNetworks.RGB8);
        ChannelGroup tied = groups.group("s0");
        assertTrue(tied.producers().size() > 1, "the residual stage has several producers: " + tied.producers());
        double[] expected = new double[(int) tied.channels()];
        for (String producer : tied.producers()) {
            double[] norms = overMean(Transforms.abs(net.getLayer(producer).getParam("W"), true).sum(1, 2, 3)
                    .toDoubleVector());
            for (int i = 0; i < expected.length; i++) {
                expected[i] += norms[i];
            }
        }
        assertArrayEquals(expected, ChannelImportance.l1().of(net, groups, "s0"), 1e-12);
    }

    @Test
    void builtInCriteriaByNameAndAcrossSerialisation() throws Exception {
        assertEquals(List.of("l1", "l2", "bn-gamma"), ChannelImportance.builtIn().stream().map(ChannelImportance::name).toList());
        assertSame(ChannelImportance.bnGamma(), ChannelImportance.byName("BN-Gamma"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ChannelImportance.byName("taylor"));
        assertTrue(e.getMessage().contains("\"taylor\"") && e.getMessage().contains("l1, l2, bn-gamma"), e.getMessage());
        for (ChannelImportance c : ChannelImportance.builtIn()) {
            assertSame(c, roundTrip(c), c.name());
        }
    }

    @Test
    void standardisedHasMeanZeroAndUnitDeviationOrIsAllZeros() {
        double[] z = ChannelImportance.standardised(new double[] {1, 2, 3, 6});
        double mean = 0;
        double var = 0;
        for (double v : z) {
            mean += v / z.length;
        }
        for (double v : z) {
            var += (v - mean) * (v - mean) / z.length;
        }
        assertEquals(0, mean, 1e-12);
        assertEquals(1, var, 1e-12);
        assertArrayEquals(new double[3], ChannelImportance.standardised(new double[] {4, 4, 4}), 0.0);
    }

    private static double[] overMean(double[] v) {
        double mean = 0;
        for (double x : v) {
            mean += x;
        }
        mean /= v.length;
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] / mean;
        }
        return out;
    }

    private static Object roundTrip(Object o) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return in.readObject();
        }
    }
}

package dev.autoprune.zoo;

import dev.autoprune.flops.FlopsCounter;
import dev.autoprune.graph.ChannelGroup;
import dev.autoprune.graph.ChannelGroups;
import dev.autoprune.graph.Segment;
import dev.autoprune.graph.UnsupportedLayer;
import dev.autoprune.report.PruningReport;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.zoo.ZooModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every CNN of DL4J 1.0.0-M2.1's model zoo through the public API, as a new user would try it: the
 * analysis runs and reports its groups and unsupported layers, the MACs agree with an independent
 * count from DL4J's own activation shapes and the parameters with DL4J's {@code numParams()},
 * {@code AutoPrune.prunable} keeps every activation bit for bit, and {@code ChannelPruner.compact}
 * equals the HARD-masked network for random uneven kept sets. The networks run at reduced input
 * sizes; VGG19 (like VGG16, which runs) is analysed only. The table of the README's "DL4J's model
 * zoo" section is written to {@code target/zoo-models.md}; {@code -Dzoo.only=NAME} runs one model.
 */
class ZooModelsTest {

    private static final double TOL = 1e-5;
    private static final Map<String, String[]> ROWS = new ConcurrentSkipListMap<>();

    static List<ZooCatalog.Entry> all() {
        return ZooCatalog.all();
    }

    static List<ZooCatalog.Entry> runnable() {
        return ZooCatalog.all().stream().filter(e -> e.runSide() > 0).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    void analysisAndMacsAtTheZooInputSize(ZooCatalog.Entry e) {
        ZooModel m = e.model();
        InputType in = ZooCatalog.Entry.inputType(m);
        Model net = ZooCatalog.init(m);
        ZooNet z = new ZooNet(net, in);
        ChannelGroups groups = z.groups();

        assertFalse(groups.groups().isEmpty());
        for (ChannelGroup g : groups.groups()) {
            assertTrue(g.channels() > 0, g.toString());
        }
        Set<String> unsupported = groups.unsupported().stream().map(UnsupportedLayer::name).collect(Collectors.toSet());
        assertEquals(e.unsupported(), unsupported, groups.unsupported().toString());
        for (UnsupportedLayer u : groups.unsupported()) {
            assertFalse(u.reason().startsWith("no channel-pruning rule"), u.toString());
        }
        PruningReport report = z.report();
        assertEquals(groups.unsupported(), report.unsupported());
        assertFalse(report.groups().isEmpty());
        for (UnsupportedLayer u : groups.unsupported()) {
            assertTrue(report.toTable().contains(u.name()), report.toTable());
        }
        long declared = net instanceof MultiLayerNetwork mln ? DeclaredMacs.of(mln.getLayerWiseConfigurations(), in)
                : DeclaredMacs.of(((ComputationGraph) net).getConfiguration(), in);
        FlopsCounter counter = FlopsCounter.of(groups);
        long macs = counter.totalMacs();
        assertEquals(declared, macs, "MACs of " + e.name() + " at " + in);
        assertEquals(net.numParams(), counter.totalParams(), "parameters of " + e.name());
        long prunable = groups.groups().stream().filter(g -> g.isPrunable() && !g.producers().isEmpty()).count();
        row(e.name(), 0, shape(in));
        row(e.name(), 1, String.valueOf(groups.groups().size()));
        row(e.name(), 2, String.valueOf(prunable));
        row(e.name(), 4, unsupported.isEmpty() ? "-" : "`" + String.join("`, `", new TreeSet<>(unsupported)) + "`");
        row(e.name(), 5, String.format(java.util.Locale.ROOT, "%.3f G", macs / 1e9));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runnable")
    void prunableKeepsOutputsAndCompactEqualsHardMasks(ZooCatalog.Entry e) {
        ZooModel m = e.model(e.runSide());
        InputType in = ZooCatalog.Entry.inputType(m);
        Nd4j.getRandom().setSeed(7);
        ZooNet z = new ZooNet(ZooCatalog.init(m), in);
        DataType type = DataType.FLOAT;
        if (e.wellConditioned()) {
            z = z.inDouble();
            z.scaleWeights(0.1);
            type = DataType.DOUBLE;
        }
        int[] s = m.metaData().getInputShape()[0];
        INDArray x = Nd4j.rand(type, 2, s[0], s[1], s[2]).muli(e.inputScale());

        Map<String, INDArray> expected = z.activations(x);
        ZooNet p = z.prunable();
        Map<String, INDArray> actual = p.activations(x);
        INDArray out = z.output(x)[0];
        assertTrue(BooleanIndexing.and(out, Conditions.isFinite()), e.name() + " output is not finite");
        assertEquals(out, p.output(x)[0], e.name() + ": prunable changed the output");
        for (Map.Entry<String, INDArray> a : expected.entrySet()) {
            INDArray b = actual.get(a.getKey());
            assertArrayEquals(a.getValue().data().asDouble(), b.data().asDouble(),
                    e.name() + ": prunable changed the activations of " + a.getKey());
        }
        int masked = p.groups().masked().size();
        assertTrue(masked > 0, e.name() + " got no masks");
        row(e.name(), 3, String.valueOf(masked));
        row(e.name(), 6, shape(in));

        if (e.compact()) {
            Map<String, Integer> kept = p.randomHardMasks(new Random(11));
            Map<String, INDArray> hard = p.activations(x);
            String logits = z.beforeOutput();
            assertTrue(hard.get(logits).sub(expected.get(logits)).amaxNumber().doubleValue() > 0,
                    e.name() + ": the HARD masks changed nothing before the output layer");
            ZooNet small = p.compact();
            assertTrue(small.numParams() < z.numParams(), "compaction removed parameters");
            Map<String, INDArray> compacted = small.activations(x);
            double worst = 0;
            int compared = 0;
            for (Map.Entry<String, INDArray> a : hard.entrySet()) {
                INDArray b = compacted.get(a.getKey());
                if (b == null || !Arrays.equals(a.getValue().shape(), b.shape())) {
                    continue; // a removed mask, or an activation that lost channels
                }
                worst = Math.max(worst, relativeError(a.getValue(), b));
                compared++;
            }
            assertTrue(compared > 0 && compacted.size() > 0);
            assertTrue(worst < TOL, e.name() + ": compact differs from the HARD-masked network by " + worst
                    + " (kept " + kept + ")");
            row(e.name(), 7, String.format(java.util.Locale.ROOT, "%.1e", worst));
        }
    }

    /** max |a - b| over max |a|, where a is finite. */
    private static double relativeError(INDArray a, INDArray b) {
        double[] x = a.data().asDouble();
        double[] y = b.data().asDouble();
        double scale = 0;
        double diff = 0;
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i])) {
                scale = Math.max(scale, Math.abs(x[i]));
                diff = Math.max(diff, Math.abs(x[i] - y[i]));
            }
        }
        return scale == 0 ? diff : diff / scale;
    }

    private static String shape(InputType in) {
        InputType.InputTypeConvolutional c = (InputType.InputTypeConvolutional) in;
        return c.getChannels() + "x" + c.getHeight() + "x" + c.getWidth();
    }

    private static void row(String model, int column, String value) {
        ROWS.computeIfAbsent(model, k -> {
            String[] r = new String[8];
            Arrays.fill(r, "-");
            return r;
        })[column] = value;
    }

    /** Writes the table of the README's "DL4J's model zoo" section to {@code target/zoo-models.md}. */
    @AfterAll
    static void writeSummary() throws IOException {
        StringBuilder sb = new StringBuilder("| model | groups (prunable) | unsupported layers | MACs at zoo input "
                + "| run at | masked groups | compact vs HARD |\n|---|---|---|---|---|---|---|\n");
        for (ZooCatalog.Entry e : ZooCatalog.all()) {
            String[] r = ROWS.get(e.name());
            if (r != null) {
                sb.append("| ").append(e.name()).append(" | ").append(r[1]).append(" (").append(r[2]).append(") | ")
                        .append(r[4]).append(" | ").append(r[5]).append(" (").append(r[0]).append(") | ").append(r[6])
                        .append(" | ").append(r[3]).append(" | ").append(r[7]).append(" |\n");
            }
        }
        System.out.println(sb);
        Path out = Path.of("target", "zoo-models.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, sb.toString());
    }
}

package dev.autoprune.report;

import dev.autoprune.ChannelPruner;
import dev.autoprune.compact.MaskedLayerLookup;
import dev.autoprune.cost.LatencyModel;
import dev.autoprune.cost.SyntheticTimer;
import dev.autoprune.flops.FlopsCounter;
import dev.autoprune.graph.ChannelGroups;
import dev.autoprune.graph.TestNetworks;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PruningReportTest {

    private static MultiLayerNetwork maskedVgg() {
        MultiLayerNetwork net = TestNetworks.init(TestNetworks.vggBn());
        ChannelGroups g = ChannelGroups.of(net, TestNetworks.RGB8);
        Random rnd = new Random(3);
        int[] kept = {3, 5, 16};
        for (int i = 0; i < 3; i++) {
            String m = "m" + (i + 1);
            int c = (int) g.group(m).channels();
            TestNetworks.setKept(MaskedLayerLookup.of(net, g.graph().node(m)), kept[i], TestNetworks.randomScores(c, rnd));
        }
        return net;
    }

    @Test
    void afterFiguresMatchTheCompactedNetwork() {
        MultiLayerNetwork net = maskedVgg();
        PruningReport r = PruningReport.of(net, TestNetworks.RGB8);
        assertEquals(List.of(new GroupRow("m1", 8, 3, List.of("m1")), new GroupRow("m2", 16, 5, List.of("m2")),
                new GroupRow("m3", 16, 16, List.of("m3"))), r.groups());
        MultiLayerNetwork small = ChannelPruner.compact(net, TestNetworks.RGB8);
        assertEquals(small.numParams(), r.paramsAfter());
        assertEquals(FlopsCounter.of(small.getLayerWiseConfigurations(), TestNetworks.RGB8).totalFlops(), r.flopsAfter());
        assertEquals(FlopsCounter.of(net.getLayerWiseConfigurations(), TestNetworks.RGB8).totalFlops(), r.flopsBefore());
        LayerRow conv2 = r.layers().stream().filter(l -> l.name().equals("layer4")).findFirst().orElseThrow();
        assertEquals(2L * 9 * 8 * 16 * 64, conv2.flopsBefore());
        assertEquals(2L * 9 * 3 * 5 * 64, conv2.flopsAfter());
        assertEquals(9 * 3 * 5 + 5, conv2.paramsAfter());

        PruningReport compacted = PruningReport.of(small, TestNetworks.RGB8);
        assertEquals(compacted.flopsBefore(), compacted.flopsAfter());
        assertEquals(r.paramsAfter(), compacted.paramsBefore());
        assertEquals(List.of(3L, 5L, 16L), compacted.groups().stream().map(GroupRow::channels).toList());
        assertEquals(1.0, compacted.flopsFraction());
    }

    @Test
    void latencyPartSetsMeasuredAgainstPredictedPerLayer() throws Exception {
        MultiLayerNetwork net = maskedVgg();
        LatencyModel model = LatencyModel.builder(4).timer(new SyntheticTimer("test", 0)).progress(s -> { })
                .measure(net, TestNetworks.RGB8);
        PruningReport r = PruningReport.of(net, TestNetworks.RGB8).withLatency(model);
        LatencyReport l = r.latency().orElseThrow();
        assertEquals(model.fits().size(), l.rows().size());
        for (LatencyRow row : l.rows()) {
            // the synthetic times are planes in the widths: the fit predicts the measurement exactly
            assertEquals(row.measuredAfter(), row.predictedAfter(), 1e-9, row.name());
            assertEquals(row.measuredBefore(), row.predictedBefore(), 1e-9, row.name());
        }
        assertEquals(model.hardFraction(java.util.Map.of("m1", 3, "m2", 5, "m3", 16)), l.predictedFraction(), 1e-12);
        assertEquals(model.minimumFraction(), l.floor(), 0);
        String table = r.toTable();
        assertTrue(table.contains("ms predicted after") && table.contains("floor"), table);
        JsonNode json = new ObjectMapper().readTree(r.toJson());
        assertEquals(l.rows().size(), json.get("latency").get("layers").size());
        assertTrue(PruningReport.of(net, TestNetworks.RGB8).latency().isEmpty());
    }

    @Test
    void graphReportCountsTiedGroupsOnce() {
        ComputationGraph net = TestNetworks.init(TestNetworks.resnet());
        PruningReport r = PruningReport.of(net, TestNetworks.RGB8);
        assertEquals(List.of("s0", "b1m", "b2m", "s2"), r.groups().stream().map(GroupRow::id).toList());
        assertEquals(List.of("s0", "s1"), r.groups().get(0).masks());
        assertEquals(r.paramsBefore(), r.paramsAfter(), "IDENTITY masks at initial ratio 1 keep every channel");
    }

    @Test
    void formats() throws Exception {
        PruningReport r = PruningReport.of(maskedVgg(), TestNetworks.RGB8);
        String table = r.toTable();
        assertTrue(table.contains("FLOPs before"), table);
        String[] lines = table.split("\n");
        assertEquals(lines[0].indexOf("channels") + "channels".length(),
                lines[2].indexOf(" 8 ") + 2, "numbers align right under their header:\n" + table);
        assertEquals(table, r.toString());

        JsonNode json = new ObjectMapper().readTree(r.toJson());
        assertEquals(3, json.get("groups").size());
        assertEquals(r.layers().size(), json.get("layers").size());
        assertEquals(r.paramsAfter(), json.get("totals").get("paramsAfter").asLong());
        assertEquals(5, json.get("groups").get(1).get("kept").asInt());

        String[] csv = r.toCsv().split("\n");
        assertEquals("record,name,type,channels,kept,ratio,flops_before,flops_after,params_before,params_after", csv[0]);
        assertEquals(1 + 3 + r.layers().size() + 1, csv.length);
        assertEquals("group,m2,,16,5,0.3125,,,,", csv[2]);
        assertTrue(csv[csv.length - 1].startsWith("total,,,,,," + r.flopsBefore() + "," + r.flopsAfter()));
    }
}

package dev.autoprune.arbiter.report;

import dev.autoprune.arbiter.AutoPruneSpace;
import dev.autoprune.arbiter.PruningCandidate;
import dev.autoprune.arbiter.scoring.PruningOutcome;
import dev.autoprune.layers.MaskedConvolutionLayer;
import org.deeplearning4j.arbiter.optimize.api.Candidate;
import org.deeplearning4j.arbiter.optimize.api.OptimizationResult;
import org.deeplearning4j.arbiter.optimize.runner.CandidateInfo;
import org.deeplearning4j.arbiter.optimize.runner.CandidateStatus;
import org.deeplearning4j.arbiter.optimize.serde.jackson.JsonMapper;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sweep report: table, best candidate, CSV and JSON, with a failed candidate among them. */
class SweepReportTest {

    @Test
    void tableNamesTheBestAndShowsFailures() {
        SweepReport report = SweepReport.of(List.of(completed(1, 0.80, 0.45, 0.80), failed(2), completed(0, 0.85, 0.62, -0.27)),
                false);
        assertEquals(List.of(0, 1, 2), report.rows().stream().map(SweepRow::index).toList(), "sorted by index");
        assertEquals(1, report.best().orElseThrow().index());
        String table = report.table();
        assertTrue(table.lines().findFirst().orElseThrow().matches("#\\s+widths\\s+target\\s+lambda\\s+accuracy\\s+hardFLOPs"
                + "\\s+kept\\s+epochs\\s+wall s\\s+score"), table);
        assertTrue(table.contains("FAILED: java.lang.IllegalStateException: boom"), table);
        assertTrue(table.contains("Best: candidate 1 (score 0.8000, accuracy 0.8000 at 0.4500 of full FLOPs)"), table);
        assertTrue(table.contains("8-16"), "widths of the masked layers: " + table);
        List<OptimizationResult> two = List.of(completed(0, 0.5, 0.5, 3.0), completed(1, 0.5, 0.5, 2.0));
        assertEquals(1, SweepReport.of(two, true).best().orElseThrow().index(), "minimising: the lowest score");
        assertEquals(0, SweepReport.of(two, false).best().orElseThrow().index(), "maximising: the highest score");
    }

    @Test
    void csvAndJsonHoldEveryCandidate(@TempDir Path dir) throws Exception {
        SweepReport report = SweepReport.of(List.of(completed(0, 0.85, 0.62, -0.27), failed(1)), false);
        Path csv = dir.resolve("out/sweep.csv");
        Path json = dir.resolve("sweep.json");
        report.write(csv);
        report.write(json);
        List<String> lines = Files.readAllLines(csv);
        assertEquals(3, lines.size());
        assertEquals("index,widths,targetFlops,lambda,accuracy,hardFlopsFraction,fullFlops,keptChannels,epochs,phase,"
                + "wallSeconds,score,failure", lines.get(0));
        assertTrue(lines.get(1).startsWith("0,\"8-16\",0.5,2.0,0.85,0.62,1000,\"4/8 10/16\",3,DONE,1.5,-0.27,"), lines.get(1));
        List<?> parsed = JsonMapper.getMapper().readValue(Files.readString(json), List.class);
        assertEquals(2, parsed.size());
        Map<?, ?> first = (Map<?, ?>) parsed.get(0);
        assertEquals(0.62, first.get("hardFlopsFraction"));
        assertEquals(Map.of("conv1", 4, "conv2", 10), first.get("keptChannels"));
        assertTrue(((Map<?, ?>) parsed.get(1)).get("failure").toString().contains("boom"));
        assertThrows(IllegalArgumentException.class, () -> report.write(dir.resolve("sweep.txt")));
    }

    private static OptimizationResult completed(int index, double accuracy, double hard, double score) {
        Map<String, Integer> kept = new LinkedHashMap<>();
        kept.put("conv1", 4);
        kept.put("conv2", 10);
        Map<String, Integer> channels = new LinkedHashMap<>();
        channels.put("conv1", 8);
        channels.put("conv2", 16);
        PruningOutcome o = new PruningOutcome(accuracy, hard, 1000, kept, channels).withTraining(3, "DONE", 1500);
        CandidateInfo info = new CandidateInfo(index, CandidateStatus.Complete, score, 0L, 0L, 1500L, new double[0], null);
        return new OptimizationResult(candidate(index), score, index, o, info, null);
    }

    private static OptimizationResult failed(int index) {
        CandidateInfo info = new CandidateInfo(index, CandidateStatus.Failed, null, 0L, 0L, 10L, new double[0],
                "java.lang.IllegalStateException: boom\n\tat somewhere");
        return new OptimizationResult(candidate(index), null, index, null, info, null);
    }

    private static Candidate<PruningCandidate> candidate(int index) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().list()
                .layer(new MaskedConvolutionLayer.Builder(3, 3).nOut(8).build())
                .layer(new MaskedConvolutionLayer.Builder(3, 3).nOut(16).build())
                .layer(new OutputLayer.Builder().nOut(2).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(10, 10, 1)).build();
        AutoPruneSpace space = AutoPruneSpace.builder().targetFlops(0.5).lambda(2.0).build();
        return new Candidate<>(new PruningCandidate(conf, space.getValue(new double[0]), space.searchedValues(new double[0])),
                index, new double[0]);
    }
}

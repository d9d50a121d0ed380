package dev.autoprune.examples.cli;

import dev.autoprune.flops.FlopsCounter;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The commands doing their work, on tiny data. */
class AutoPruneCliTest {

    @ParameterizedTest
    @ValueSource(strings = {"demo", "prune", "sweep", "report", "compact"})
    void everyCommandHasHelp(String command) {
        CliRun run = CliRun.of(command, "--help");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().startsWith("Usage: autoprune " + command), run.out());
    }

    @Test
    void reportOfAPlainModel(@TempDir Path dir) throws Exception {
        Path model = ModelFixtures.plainLeNet(dir);
        CliRun table = CliRun.of("report", model.toString());
        assertEquals(0, table.exitCode(), table.err());
        assertTrue(table.out().contains("conv1") && table.out().contains("TOTAL"), table.out());

        CliRun json = CliRun.of("report", model.toString(), "--format", "json");
        JsonNode root = new ObjectMapper().readTree(json.out());
        long flops = root.get("totals").get("flopsBefore").asLong();
        assertEquals(flops, root.get("totals").get("flopsAfter").asLong(), "a plain model is not pruned");
        // LeNet demo: conv1 5x5x1x16 on 24x24, conv2 5x5x16x32 on 8x8, dense 512x128, output 128x10; FLOPs = 2 MACs.
        long macs = 25L * 16 * 24 * 24 + 25L * 16 * 32 * 8 * 8 + 512L * 128 + 128L * 10;
        assertEquals(2 * macs, flops);
    }

    @Test
    void compactRemovesMaskedChannels(@TempDir Path dir) throws Exception {
        Path in = ModelFixtures.maskedLeNet(dir);
        Path out = dir.resolve("small.zip");
        CliRun run = CliRun.of("compact", in.toString(), out.toString());
        assertEquals(0, run.exitCode(), run.err());
        MultiLayerNetwork small = ModelSerializer.restoreMultiLayerNetwork(out.toFile());
        long conv1 = small.getLayer("conv1").getParam("W").size(0);
        long conv2 = small.getLayer("conv2").getParam("W").size(0);
        assertAll(() -> assertTrue(conv1 < 16, "conv1 kept " + conv1),
                () -> assertTrue(conv2 < 32, "conv2 kept " + conv2),
                () -> assertTrue(run.out().contains("FLOPs"), run.out()));
        try (var files = Files.list(dir)) {
            assertEquals(0, files.filter(p -> p.getFileName().toString().endsWith(".tmp")).count(), "temp file left");
        }
    }

    @Test
    void pruneWritesModelReportAndPlots(@TempDir Path dir) throws Exception {
        Path model = ModelFixtures.plainLeNet(dir);
        Path out = dir.resolve("pruned.zip");
        CliRun run = CliRun.of("prune", model.toString(), "--out", out.toString(), "--limit", "128", "--batch", "8",
                "--epochs", "2", "--fine-tune-epochs", "0", "--target", "0.6", "--min-search-iterations", "0");
        // 128 images, 2 search epochs and no shortest search in iterations: the search runs out above the target,
        // and the listener's projection lowers the ratios to it before the masks harden, so the run succeeds.
        assertEquals(0, run.exitCode(), run.err());
        assertAll(
                () -> assertTrue(run.out().contains("prune    epoch  1/"), run.out()),
                () -> assertTrue(run.out().contains("FLOPs soft"), run.out()),
                () -> assertTrue(run.out().contains("test accuracy"), run.out()),
                () -> assertTrue(Files.size(out) > 0),
                () -> assertTrue(Files.readString(dir.resolve("pruned-report.csv")).startsWith("record,")),
                () -> assertTrue(Files.readString(dir.resolve("pruned-report.json")).contains("\"totals\"")),
                () -> assertTrue(Files.readString(dir.resolve("pruned-report.txt")).contains("TOTAL")),
                () -> assertTrue(Files.exists(dir.resolve("pruned-ratios.png"))),
                () -> assertTrue(Files.exists(dir.resolve("pruned-flops.png"))));
        // The saved model is the input model made smaller: fewer parameters, fewer FLOPs, narrower convolutions.
        MultiLayerNetwork input = ModelSerializer.restoreMultiLayerNetwork(model.toFile());
        MultiLayerNetwork small = ModelSerializer.restoreMultiLayerNetwork(out.toFile());
        long flopsIn = FlopsCounter.of(input).totalFlops();
        long flopsOut = FlopsCounter.of(small).totalFlops();
        long convIn = input.getLayer("conv1").getParam("W").size(0) + input.getLayer("conv2").getParam("W").size(0);
        long convOut = small.getLayer("conv1").getParam("W").size(0) + small.getLayer("conv2").getParam("W").size(0);
        assertAll(() -> assertTrue(small.numParams() < input.numParams(),
                        "parameters " + input.numParams() + " -> " + small.numParams()),
                () -> assertTrue(flopsOut <= 0.6 * flopsIn && flopsOut >= 0.58 * flopsIn,
                        "FLOPs " + flopsIn + " -> " + flopsOut + ": not at or just below the target 0.6"),
                () -> assertTrue(convOut < convIn, "convolution channels " + convIn + " -> " + convOut),
                () -> assertEquals(0, small.getLayers().length - input.getLayers().length, "no layer added or left"));
    }

    @Test
    void aPrunableModelNeedsNoInputShape(@TempDir Path dir) throws Exception {
        // Built with InputType.convolutional, which DL4J forgets: the plain model needs --input-shape,
        // the prunable one recorded its type.
        Path plain = dir.resolve("plain.zip");
        Path prunable = dir.resolve("prunable.zip");
        ModelFixtures.convolutionalModels(plain, prunable);
        CliRun refused = CliRun.of("report", plain.toString());
        assertEquals(AutoPruneCli.EXIT_USAGE, refused.exitCode(), refused.out());
        assertTrue(refused.err().contains("--input-shape"), refused.err());
        assertEquals(0, CliRun.of("report", plain.toString(), "--input-shape", "1x16x16").exitCode());

        CliRun report = CliRun.of("report", prunable.toString());
        assertEquals(0, report.exitCode(), report.err());
        assertTrue(report.out().contains("TOTAL"), report.out());
        CliRun compact = CliRun.of("compact", prunable.toString(), dir.resolve("small.zip").toString());
        assertEquals(0, compact.exitCode(), compact.err());
        MultiLayerNetwork small = ModelSerializer.restoreMultiLayerNetwork(dir.resolve("small.zip").toFile());
        MultiLayerNetwork masked = ModelSerializer.restoreMultiLayerNetwork(prunable.toFile());
        assertTrue(small.numParams() < masked.numParams(), "compact removed the masked-out channels");
    }

    @Test
    void demoPrintsTheBeforeAfterTable(@TempDir Path dir) throws Exception {
        // Batches of 16 and two search epochs: enough ratio steps for the search to drop channels (counted in
        // epochs only, to keep the test short).
        CliRun run = CliRun.of("demo", "--train-examples", "128", "--validation-examples", "64", "--batch", "16",
                "--baseline-epochs", "1", "--search-epochs", "2", "--fine-tune-epochs", "0",
                "--min-search-iterations", "0", "--out", dir.toString());
        assertEquals(0, run.exitCode(), run.err());
        for (String row : new String[] {"test accuracy", "FLOPs per image", "parameters", "latency ms/batch of 64",
                "channels conv1", "channels conv2", "baseline epoch  1/1", "demo finished in"}) {
            assertTrue(run.out().contains(row), "'" + row + "' missing from:\n" + run.out());
        }
        for (String f : new String[] {"baseline.zip", "pruned.zip", "report.txt", "report.json", "report.csv",
                "ratios.png", "flops.png"}) {
            assertTrue(Files.exists(dir.resolve(f)), f + " not written");
        }
        // The same-epoch control is a column of the table, trained as many epochs as the pruned network.
        String header = run.out().lines().filter(l -> l.contains("baseline") && l.contains("control +"))
                .findFirst().orElse("");
        assertAll(() -> assertTrue(header.contains("pruned +") && header.contains("pruned/ctrl"), run.out()),
                () -> assertTrue(run.out().contains("control  epoch  1/"), run.out()));
        String epochs = header.replaceAll(".*control \\+(\\d+)ep.*", "$1");
        assertTrue(header.contains("pruned +" + epochs + "ep"), header);
        String accuracy = run.out().lines().filter(l -> l.startsWith("test accuracy")).findFirst().orElse("");
        assertEquals(4, accuracy.split("%").length, "three accuracies and the difference: " + accuracy);
        MultiLayerNetwork baseline = ModelSerializer.restoreMultiLayerNetwork(dir.resolve("baseline.zip").toFile());
        MultiLayerNetwork pruned = ModelSerializer.restoreMultiLayerNetwork(dir.resolve("pruned.zip").toFile());
        assertTrue(pruned.numParams() < baseline.numParams(),
                "parameters " + baseline.numParams() + " -> " + pruned.numParams());
    }
}

package dev.autoprune.examples.cli;

import dev.autoprune.AutoPrune;
import dev.autoprune.cost.CostModel;
import dev.autoprune.cost.FlopsCostModel;
import dev.autoprune.examples.LeNet;
import dev.autoprune.examples.TinyData;
import dev.autoprune.listener.AutoPruneListener;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a careful user trips over (issue 13): lost inputs, late failures, silent misses, unclear output. */
class AutoPruneCliCarefulUserTest {

    @Test
    void pruneRefusesToOverwriteItsInputModel(@TempDir Path dir) throws Exception {
        Path model = ModelFixtures.plainLeNet(dir);
        byte[] before = Files.readAllBytes(model);
        CliRun run = CliRun.of("prune", model.toString(), "--out", model.toString(), "--limit", "64", "--batch", "32",
                "--epochs", "1", "--fine-tune-epochs", "0");
        run.assertOneLine(AutoPruneCli.EXIT_USAGE, "--out must differ from MODEL");
        assertArrayEquals(before, Files.readAllBytes(model), "the input model was changed");
        // The same file written another way is the same file.
        CliRun dotted = CliRun.of("prune", model.toString(), "--out", dir.resolve(".").resolve("lenet.zip").toString());
        dotted.assertOneLine(AutoPruneCli.EXIT_USAGE, "--out must differ from MODEL");
    }

    @Test
    void anUnwritableOutputIsFoundBeforeTraining(@TempDir Path dir) throws Exception {
        Path model = ModelFixtures.plainLeNet(dir);
        Path file = Files.writeString(dir.resolve("notes.txt"), "a file, not a folder");
        CliRun prune = CliRun.of("prune", model.toString(), "--out", file.resolve("o.zip").toString(),
                "--limit", "64", "--batch", "32", "--epochs", "1", "--fine-tune-epochs", "0");
        prune.assertOneLine(AutoPruneCli.EXIT_USAGE, "--out", file.toString(), "not a folder");
        assertFalse(prune.out().contains("epoch"), "trained before failing:\n" + prune.out());

        Files.createDirectory(dir.resolve("x.zip"));
        CliRun isFolder = CliRun.of("prune", model.toString(), "--out", dir.resolve("x.zip").toString());
        isFolder.assertOneLine(AutoPruneCli.EXIT_USAGE, "is a folder");

        CliRun demo = CliRun.of("demo", "--out", file.resolve("demo").toString());
        demo.assertOneLine(AutoPruneCli.EXIT_USAGE, "--out", "not a folder");
        assertFalse(demo.out().contains("epoch"), demo.out());
    }

    @Test
    void aMissedTargetIsSaidPlainlyWithItsOwnExitCode(@TempDir Path dir) throws Exception {
        // Channels in steps of 8: no widths of this LeNet keep between 0.88 and 0.9 of its FLOPs, so the search
        // hardens at the largest model below the target, more than the tolerance below it, and says so.
        Path model = ModelFixtures.coarseLeNet(dir);
        Path out = dir.resolve("small.zip");
        CliRun run = CliRun.of("prune", model.toString(), "--out", out.toString(), "--limit", "64", "--batch", "32",
                "--epochs", "1", "--fine-tune-epochs", "0", "--target", "0.9", "--min-search-iterations", "0");
        run.assertOneLine(AutoPruneCli.EXIT_TARGET_MISSED, "FLOPs target missed", "target was 0.900",
                "no widths fit", "--target");
        assertTrue(Files.exists(out), "the model is still written");
        assertTrue(run.out().contains("test accuracy"), run.out());
    }

    @Test
    void aSearchTooShortForTheTargetStillEndsAtOrBelowIt(@TempDir Path dir) throws Exception {
        // One epoch of two minibatches cannot take the network from 1.0 to 0.3 of its FLOPs by the search alone:
        // it runs out above the target, and all groups' ratios are lowered together to it before hardening.
        Path model = ModelFixtures.plainLeNet(dir);
        Path out = dir.resolve("small.zip");
        CliRun run = CliRun.of("prune", model.toString(), "--out", out.toString(), "--limit", "64", "--batch", "32",
                "--epochs", "1", "--fine-tune-epochs", "0", "--target", "0.3", "--min-search-iterations", "0");
        assertEquals(0, run.exitCode(), run.err());
        CliRun report = CliRun.of("report", out.toString(), "--baseline", model.toString());
        assertEquals(0, report.exitCode(), report.err());
        double kept = Double.parseDouble(report.out().replaceAll("(?s).*FLOPs kept: ([0-9.]+).*", "$1"));
        assertTrue(kept <= 0.3 + 1e-4 && kept >= 0.28 - 1e-4, "FLOPs kept " + kept + " in:\n" + report.out());
    }

    @Test
    void reportOfACompactedModelSaysItIsPlainAndComparesWithItsBaseline(@TempDir Path dir) throws Exception {
        Path plain = ModelFixtures.plainLeNet(dir);
        Path masked = ModelFixtures.maskedLeNet(dir);
        Path small = dir.resolve("small.zip");
        assertEquals(0, CliRun.of("compact", masked.toString(), small.toString()).exitCode());

        CliRun alone = CliRun.of("report", small.toString());
        assertEquals(0, alone.exitCode(), alone.err());
        assertTrue(alone.out().contains("plain model: nothing masked"), alone.out());
        CliRun maskedReport = CliRun.of("report", masked.toString());
        assertFalse(maskedReport.out().contains("plain model"), maskedReport.out());

        CliRun compared = CliRun.of("report", small.toString(), "--baseline", plain.toString());
        assertEquals(0, compared.exitCode(), compared.err());
        String kept = compared.out().replaceAll("(?s).*FLOPs kept: ([0-9.]+).*", "$1");
        double fraction = Double.parseDouble(kept);
        assertTrue(fraction > 0 && fraction < 0.5, "FLOPs kept " + kept + " in:\n" + compared.out());
        assertTrue(compared.out().contains("channels conv1"), compared.out());

        CliRun json = CliRun.of("report", small.toString(), "--baseline", plain.toString(), "--format", "json");
        var root = new org.nd4j.shade.jackson.databind.ObjectMapper().readTree(json.out());
        assertEquals(fraction, root.get("flopsKept").asDouble(), 1e-4);
        CliRun.of("report", small.toString(), "--baseline", dir.resolve("nope.zip").toString()).assertOneLine(
                AutoPruneCli.EXIT_INPUT, "nope.zip");
    }

    @Test
    void aCorruptImageIsNamedBeforeTrainingWithoutNativeNoise(@TempDir Path dir) throws Exception {
        Path model = ModelFixtures.plainLeNet(dir);
        Path images = dir.resolve("images");
        for (String c : new String[] {"cats", "dogs"}) {
            Files.createDirectories(images.resolve(c));
            for (int i = 0; i < 4; i++) {
                BufferedImage image = new BufferedImage(12, 12, BufferedImage.TYPE_BYTE_GRAY);
                image.getRaster().setSample(i, i, 0, 200);
                assertTrue(ImageIO.write(image, "png", images.resolve(c).resolve(c + i + ".png").toFile()));
            }
        }
        Path broken = images.resolve("dogs").resolve("broken.png");
        Files.write(broken, new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13, 'I', 'H'});
        Path notAnImage = images.resolve("cats").resolve("notes.jpg");

        PrintStream realErr = System.err;
        ByteArrayOutputStream nativeErr = new ByteArrayOutputStream();
        CliRun run;
        try {
            System.setErr(new PrintStream(nativeErr, true));
            run = CliRun.of("prune", model.toString(), "--out", dir.resolve("o.zip").toString(), "--images",
                    images.toString(), "--epochs", "1", "--fine-tune-epochs", "0");
        } finally {
            System.setErr(realErr);
        }
        run.assertOneLine(AutoPruneCli.EXIT_INPUT, broken.toString(), "damaged image");
        assertFalse(run.out().contains("epoch"), "trained before failing:\n" + run.out());
        assertEquals("", nativeErr.toString(), "noise on the process's stderr");

        Files.delete(broken);
        Files.writeString(notAnImage, "a text file with an image's extension");
        CliRun.of("prune", model.toString(), "--out", dir.resolve("o.zip").toString(), "--images",
                images.toString()).assertOneLine(AutoPruneCli.EXIT_INPUT, notAnImage.toString(), "is not an image");
    }

    @Test
    void aWriteFailureNamesTheOutputNotItsTemporaryFile(@TempDir Path dir) throws Exception {
        Path masked = ModelFixtures.maskedLeNet(dir);
        Path folder = Files.createDirectory(dir.resolve("taken.zip"));
        CliRun run = CliRun.of("compact", masked.toString(), folder.toString());
        run.assertOneLine(AutoPruneCli.EXIT_FAILURE, "could not write " + folder);
        assertFalse(run.err().contains(".tmp"), run.err());
        assertFalse(run.err().contains("Exception"), run.err());
    }

    @Test
    void helpPrintsNoPicocliWarnings() {
        PrintStream realErr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(captured, true));
            for (String[] args : new String[][] {{"prune", "--help"}, {"help", "prune"}, {"demo", "--help"},
                    {"report", "--help"}, {"sweep", "--help"}, {"help", "sweep"}}) {
                CliRun run = CliRun.of(args);
                assertEquals(0, run.exitCode(), Arrays.toString(args));
                assertFalse(run.err().contains("WARN"), run.err());
                assertTrue(run.out().contains("Usage"), run.out());
            }
        } finally {
            System.setErr(realErr);
        }
        assertFalse(captured.toString().contains("[picocli WARN]"), captured.toString());
        String help = CliRun.of("prune", "--help").out().replaceAll("\\s+", " ");
        assertTrue(help.contains("80% train / 20% test"), help);
    }

    @Test
    void verboseRunsAreNotToldToRunWithVerbose() {
        IllegalStateException failure = new IllegalStateException("boom");
        assertTrue(AutoPruneCli.failureLine("autoprune prune", failure, false).endsWith("(run with --verbose for details)"));
        String verbose = AutoPruneCli.failureLine("autoprune prune", failure, true);
        assertFalse(verbose.contains("--verbose"), verbose);
        assertTrue(verbose.contains("boom"), verbose);
    }

    @Test
    void aStaleTemporaryFileOfAKilledWriteIsRemoved(@TempDir Path dir) throws Exception {
        Path masked = ModelFixtures.maskedLeNet(dir);
        Path out = dir.resolve("small.zip");
        Path stale = Files.write(dir.resolve(".small.zip.123456.tmp"), new byte[0]);
        Files.setLastModifiedTime(stale, java.nio.file.attribute.FileTime.fromMillis(
                System.currentTimeMillis() - 3_600_000));
        CliRun run = CliRun.of("compact", masked.toString(), out.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertFalse(Files.exists(stale), "stale temporary file left");
        assertTrue(Files.exists(out));
    }

    @Test
    void fashionMnistWithoutAFolderLeavesTheModelAlone(@TempDir Path dir) throws Exception {
        Path model = ModelFixtures.plainLeNet(dir);
        // Before: "--fashion-mnist" took lenet.zip as its folder and MODEL was reported missing.
        CliRun run = CliRun.of("prune", "--fashion-mnist", model.toString(), "--images", dir.toString(),
                "--out", dir.resolve("o.zip").toString());
        run.assertOneLine(AutoPruneCli.EXIT_USAGE, "--fashion-mnist and --images exclude each other");
        Path nowhere = dir.resolve("no-idx");
        CliRun.of("prune", model.toString(), "--fashion-mnist=" + nowhere, "--out",
                dir.resolve("o.zip").toString()).assertOneLine(AutoPruneCli.EXIT_INPUT, nowhere.toString());
        CliRun.of("prune", "--fashion-mnist", nowhere.toString(), model.toString(), "--out",
                dir.resolve("o.zip").toString()).assertOneLine(AutoPruneCli.EXIT_INPUT, nowhere.toString());
    }

    @Test
    void theEpochCounterCountsOnlyWholeFineTuneEpochs() {
        // The search stops at its first check (a cost whose hard fraction is always 0.85 meets target 0.9,
        // tolerance 0.2), in the middle of epoch 1.
        MultiLayerNetwork net = AutoPrune.prunable(LeNet.demo(3));
        AutoPruneListener pruner = AutoPruneListener.builder().costModel(hardFractionAlways(net, 0.85)).target(0.9)
                .tolerance(0.2).patience(1).warmupEpochs(0).maxSearchEpochs(3).fineTuneEpochs(1).build();
        StringWriter text = new StringWriter();
        int epochs = PruningRun.run(net, pruner, TinyData.train(64, 16), new PrintWriter(text, true));
        String[] lines = text.toString().split("\\R");
        assertEquals(2, epochs, text.toString());
        assertAll(
                () -> assertTrue(lines[0].contains("epoch  1/2") && lines[0].contains("SEARCH (stopped)"), lines[0]),
                () -> assertTrue(lines[1].contains("epoch  2/2") && lines[1].contains("FINE_TUNE"), lines[1]),
                () -> assertEquals(1, Arrays.stream(lines).filter(l -> l.contains("FINE_TUNE")).count(),
                        text.toString()));
    }

    /** The FLOPs of {@code net}, except that the hard fraction is always {@code hard}. */
    private static CostModel hardFractionAlways(MultiLayerNetwork net, double hard) {
        FlopsCostModel flops = FlopsCostModel.of(net);
        return new CostModel() {
            @Override
            public String name() {
                return flops.name();
            }

            @Override
            public List<String> groupIds() {
                return flops.groupIds();
            }

            @Override
            public double fraction(Map<String, Double> ratioByGroup) {
                return flops.fraction(ratioByGroup);
            }

            @Override
            public Map<String, Double> fractionGradient(Map<String, Double> ratioByGroup) {
                return flops.fractionGradient(ratioByGroup);
            }

            @Override
            public double hardFraction(Map<String, Integer> keptByGroup) {
                return hard;
            }

            @Override
            public double minimumFraction() {
                return flops.minimumFraction();
            }
        };
    }
}

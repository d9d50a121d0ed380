package dev.autoprune.examples.cli;

import dev.autoprune.examples.data.IdxFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code autoprune sweep}: the Arbiter sweep as a command (issue 13). */
class AutoPruneCliSweepTest {

    @Test
    void aSmallSweepPrintsItsTableAndWritesCsvAndJson(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("sweep");
        CliRun run = CliRun.of("sweep", "--candidates", "2", "--epochs", "1", "--train-examples", "256",
                "--ratio-examples", "64", "--test-examples", "128", "--batch", "32", "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err() + run.out());
        assertTrue(run.out().contains("pruning sweep: 2 candidates on the embedded Fashion-MNIST subset"), run.out());
        assertTrue(run.out().contains("Best: candidate"), run.out());
        List<String> csv = Files.readAllLines(out.resolve("sweep.csv"));
        assertEquals(3, csv.size(), "a header and one row per candidate:\n" + csv);
        assertTrue(csv.get(0).contains("lambda"), csv.get(0));
        assertTrue(Files.readString(out.resolve("sweep.json")).trim().startsWith("["));
    }

    @Test
    void theSweepReadsAFashionMnistFolderAndAnImageFolder(@TempDir Path dir) throws Exception {
        Path idx = IdxFixtures.fashionDirectory(dir.resolve("idx"), 200, 40, true);
        CliRun fashion = CliRun.of("sweep", "--fashion-mnist=" + idx, "--candidates", "1", "--epochs", "1",
                "--train-examples", "150", "--ratio-examples", "50", "--test-examples", "40", "--batch", "50",
                "--out", dir.resolve("f").toString());
        assertEquals(0, fashion.exitCode(), fashion.err() + fashion.out());
        assertTrue(fashion.out().contains("on Fashion-MNIST from " + idx), fashion.out());
        assertEquals(2, Files.readAllLines(dir.resolve("f").resolve("sweep.csv")).size());
        CliRun.of("sweep", "--fashion-mnist=" + idx, "--train-examples", "150", "--ratio-examples", "51", "--out",
                dir.resolve("f").toString()).assertOneLine(AutoPruneCli.EXIT_USAGE, "at most 200");

        Path images = AutoPruneCliSmallDataTest.sixtyImages(dir.resolve("images"));
        CliRun folder = CliRun.of("sweep", "--images", images.toString(), "--input-shape", "1x16x16",
                "--candidates", "1", "--epochs", "1", "--out", dir.resolve("i").toString());
        assertEquals(0, folder.exitCode(), folder.err() + folder.out());
        assertTrue(folder.out().contains("images in " + images + " (10 classes)"), folder.out());
        assertFalse(folder.out().contains("FAILED"), folder.out());
        CliRun.of("sweep", "--images", images.toString(), "--input-shape", "12", "--out",
                dir.resolve("i").toString()).assertOneLine(AutoPruneCli.EXIT_USAGE, "--input-shape");
    }

    @Test
    void badSweepArgumentsAreRefusedBeforeTraining(@TempDir Path dir) {
        CliRun.of("sweep", "--candidates", "0").assertOneLine(AutoPruneCli.EXIT_USAGE, "--candidates must be >= 1");
        CliRun.of("sweep", "--target", "1.5").assertOneLine(AutoPruneCli.EXIT_USAGE, "--target must be in (0.05, 1)");
        CliRun.of("sweep", "--limit", "100").assertOneLine(AutoPruneCli.EXIT_USAGE, "Unknown", "--limit");
        CliRun big = CliRun.of("sweep", "--train-examples", "6000", "--ratio-examples", "500", "--out",
                dir.resolve("s").toString());
        big.assertOneLine(AutoPruneCli.EXIT_USAGE, "at most 6000");
        assertFalse(big.out().contains("candidate"), big.out());
    }
}

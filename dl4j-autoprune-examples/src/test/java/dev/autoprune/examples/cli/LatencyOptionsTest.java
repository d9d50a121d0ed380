package dev.autoprune.examples.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --target-latency}, {@code --latency-batch} and {@code --latency-cache} of {@code prune} and
 * {@code demo}: bad values are usage errors naming the option, a target below the measured floor is
 * refused with the floor, and a latency run writes the latency part of the report and the cache. Latency
 * is measured for real here at a tiny batch; nothing asserts how fast anything is.
 */
class LatencyOptionsTest {

    @ParameterizedTest
    @ValueSource(strings = {"0", "1", "1.5", "-0.2", "NaN"})
    void badLatencyTarget(String target, @TempDir Path dir) throws Exception {
        Path model = ModelFixtures.plainLeNet(dir);
        CliRun run = CliRun.of("prune", model.toString(), "--out", dir.resolve("o.zip").toString(),
                "--target-latency", target);
        assertEquals(AutoPruneCli.EXIT_USAGE, run.exitCode(), run.err());
        assertTrue(run.err().contains("--target-latency must be in (0, 1)"), run.err());
        CliRun demo = CliRun.of("demo", "--target-latency", target);
        assertEquals(AutoPruneCli.EXIT_USAGE, demo.exitCode(), demo.err());
        assertTrue(demo.err().contains("--target-latency"), demo.err());
    }

    @Test
    void badLatencyBatch(@TempDir Path dir) throws Exception {
        Path model = ModelFixtures.plainLeNet(dir);
        CliRun run = CliRun.of("prune", model.toString(), "--out", dir.resolve("o.zip").toString(),
                "--target-latency", "0.5", "--latency-batch", "0");
        assertEquals(AutoPruneCli.EXIT_USAGE, run.exitCode(), run.err());
        assertTrue(run.err().contains("--latency-batch must be >= 1"), run.err());
    }

    @Test
    void targetBelowTheFloorIsRefusedWithTheFloor(@TempDir Path dir) throws Exception {
        Path model = ModelFixtures.plainLeNet(dir);
        CliRun run = CliRun.of("prune", model.toString(), "--out", dir.resolve("o.zip").toString(), "--limit", "64",
                "--batch", "8", "--target-latency", "0.001", "--latency-batch", "2");
        assertEquals(AutoPruneCli.EXIT_USAGE, run.exitCode(), run.err());
        assertAll(() -> assertTrue(run.err().contains("--target-latency must be >= "), run.err()),
                () -> assertTrue(run.err().contains("reachable floor"), run.err()),
                () -> assertTrue(run.out().contains("floor"), run.out()));
    }

    @Test
    void pruneToALatencyTargetWritesTheLatencyReportAndTheCache(@TempDir Path dir) throws Exception {
        Path model = ModelFixtures.plainLeNet(dir);
        Path out = dir.resolve("pruned.zip");
        Path cache = dir.resolve("latency.properties");
        CliRun run = CliRun.of("prune", model.toString(), "--out", out.toString(), "--limit", "64", "--batch", "8",
                "--epochs", "1", "--fine-tune-epochs", "0", "--target-latency", "0.9", "--latency-batch", "2",
                "--latency-cache", cache.toString());
        // One short search epoch on 64 images may stop above the target; the fits come from a real timer, so
        // whether it does is not fixed. A miss must then be said in terms of latency, with its own exit code.
        if (run.exitCode() == AutoPruneCli.EXIT_TARGET_MISSED) {
            assertTrue(run.err().contains("warning: latency target missed"), run.err());
        } else {
            assertEquals(0, run.exitCode(), run.err());
        }
        String report = Files.readString(dir.resolve("pruned-report.txt"));
        assertAll(() -> assertTrue(run.out().contains("to latency target 0.900"), run.out()),
                () -> assertTrue(run.out().contains("latency model:"), run.out()),
                () -> assertTrue(report.contains("ms predicted after") && report.contains("floor"), report),
                () -> assertTrue(Files.readString(dir.resolve("pruned-report.json")).contains("\"latency\"")),
                () -> assertTrue(Files.exists(cache)));
    }
}

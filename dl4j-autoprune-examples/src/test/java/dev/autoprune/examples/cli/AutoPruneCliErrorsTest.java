package dev.autoprune.examples.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad arguments and bad files: a non-zero exit code and exactly one line naming the problem. */
class AutoPruneCliErrorsTest {

    private static void fails(CliRun run, int code, String... mentions) {
        assertAll(
                () -> assertEquals(code, run.exitCode(), "exit code; stderr: " + run.err()),
                () -> assertEquals(1, run.errLines().length, "one line expected, got: " + run.err()),
                () -> {
                    for (String m : mentions) {
                        assertTrue(run.err().contains(m), "'" + m + "' not in: " + run.err());
                    }
                });
    }

    @Test
    void noCommand() {
        fails(CliRun.of(), AutoPruneCli.EXIT_USAGE, "a command is needed");
    }

    @Test
    void unknownCommandAndOption() {
        fails(CliRun.of("shrink"), AutoPruneCli.EXIT_USAGE, "shrink");
        fails(CliRun.of("report", "--colour", "x.zip"), AutoPruneCli.EXIT_USAGE, "--colour");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1", "1.5", "-0.2", "NaN"})
    void badTarget(String target, @TempDir Path dir) throws Exception {
        Path model = ModelFixtures.plainLeNet(dir);
        fails(CliRun.of("prune", model.toString(), "--out", dir.resolve("o.zip").toString(), "--target", target),
                AutoPruneCli.EXIT_USAGE, "--target must be in (0, 1)");
        fails(CliRun.of("demo", "--target", target), AutoPruneCli.EXIT_USAGE, "--target");
    }

    @Test
    void nonNumericTarget() {
        fails(CliRun.of("demo", "--target", "half"), AutoPruneCli.EXIT_USAGE, "--target", "half");
    }

    @Test
    void otherBadNumbers(@TempDir Path dir) throws Exception {
        Path model = ModelFixtures.plainLeNet(dir);
        String out = dir.resolve("o.zip").toString();
        fails(CliRun.of("prune", model.toString(), "--out", out, "--epochs", "0"), AutoPruneCli.EXIT_USAGE, "--epochs");
        fails(CliRun.of("prune", model.toString(), "--out", out, "--lambda", "-1"), AutoPruneCli.EXIT_USAGE, "--lambda");
        fails(CliRun.of("prune", model.toString(), "--out", out, "--batch", "0"), AutoPruneCli.EXIT_USAGE, "--batch");
        fails(CliRun.of("demo", "--train-examples", "6000"), AutoPruneCli.EXIT_USAGE, "--train-examples");
        fails(CliRun.of("report", model.toString(), "--input-shape", "1x28"), AutoPruneCli.EXIT_USAGE, "--input-shape");
    }

    @Test
    void missingArguments() {
        fails(CliRun.of("prune", "--target", "0.5"), AutoPruneCli.EXIT_USAGE, "Missing required");
        fails(CliRun.of("compact", "in.zip"), AutoPruneCli.EXIT_USAGE, "OUT");
        fails(CliRun.of("report"), AutoPruneCli.EXIT_USAGE, "MODEL");
    }

    @Test
    void outMustBeAZip(@TempDir Path dir) throws Exception {
        Path model = ModelFixtures.plainLeNet(dir);
        fails(CliRun.of("prune", model.toString(), "--out", dir.resolve("o.txt").toString()), AutoPruneCli.EXIT_USAGE,
                "--out must name a .zip");
    }

    @Test
    void missingModelFile(@TempDir Path dir) {
        String missing = dir.resolve("nope.zip").toString();
        fails(CliRun.of("report", missing), AutoPruneCli.EXIT_INPUT, missing, "does not exist");
        fails(CliRun.of("compact", missing, dir.resolve("o.zip").toString()), AutoPruneCli.EXIT_INPUT, missing);
        fails(CliRun.of("prune", missing, "--out", dir.resolve("o.zip").toString()), AutoPruneCli.EXIT_INPUT, missing);
    }

    @Test
    void directoryInsteadOfModel(@TempDir Path dir) {
        fails(CliRun.of("report", dir.toString()), AutoPruneCli.EXIT_INPUT, dir.toString(), "not a readable file");
    }

    @Test
    void corruptModelFile(@TempDir Path dir) throws Exception {
        Path junk = dir.resolve("junk.zip");
        Files.write(junk, "this is not a zip file".getBytes());
        fails(CliRun.of("report", junk.toString()), AutoPruneCli.EXIT_INPUT, junk.toString(), "not a zip");
    }

    @Test
    void truncatedModelFile(@TempDir Path dir) throws Exception {
        Path model = ModelFixtures.plainLeNet(dir);
        byte[] bytes = Files.readAllBytes(model);
        Path cut = dir.resolve("cut.zip");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        fails(CliRun.of("report", cut.toString()), AutoPruneCli.EXIT_INPUT, cut.toString());
    }

    @Test
    void zipWithoutConfiguration(@TempDir Path dir) throws Exception {
        Path zip = dir.resolve("other.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            z.putNextEntry(new ZipEntry("readme.txt"));
            z.write("hello".getBytes());
            z.closeEntry();
        }
        fails(CliRun.of("report", zip.toString()), AutoPruneCli.EXIT_INPUT, zip.toString(), "configuration.json");
    }

    @Test
    void damagedConfiguration(@TempDir Path dir) throws Exception {
        Path zip = dir.resolve("damaged.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            z.putNextEntry(new ZipEntry("configuration.json"));
            z.write("{\"confs\": [ {\"layer\": 42} ]}".getBytes());
            z.closeEntry();
        }
        fails(CliRun.of("report", zip.toString()), AutoPruneCli.EXIT_INPUT, zip.toString(), "could not be loaded");
    }

    @Test
    void compactNeedsMasks(@TempDir Path dir) throws Exception {
        Path model = ModelFixtures.plainLeNet(dir);
        Path out = dir.resolve("o.zip");
        fails(CliRun.of("compact", model.toString(), out.toString()), AutoPruneCli.EXIT_INPUT, "no channel masks");
        assertFalse(Files.exists(out), "output written although compaction failed");
    }

    @Test
    void compactRefusesToOverwriteItsInput(@TempDir Path dir) throws Exception {
        Path model = ModelFixtures.maskedLeNet(dir);
        fails(CliRun.of("compact", model.toString(), model.toString()), AutoPruneCli.EXIT_USAGE, "OUT must differ");
    }

    @Test
    void missingDataFolder(@TempDir Path dir) throws Exception {
        Path model = ModelFixtures.plainLeNet(dir);
        Path nowhere = dir.resolve("no-images");
        fails(CliRun.of("prune", model.toString(), "--out", dir.resolve("o.zip").toString(), "--images",
                nowhere.toString()), AutoPruneCli.EXIT_INPUT, nowhere.toString());
        fails(CliRun.of("prune", model.toString(), "--out", dir.resolve("o.zip").toString(), "--fashion-mnist",
                nowhere.toString()), AutoPruneCli.EXIT_INPUT, nowhere.toString());
    }
}

package dev.autoprune.examples.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertFalse;

/** Bad arguments and bad files: a non-zero exit code and exactly one line naming the problem. */
class AutoPruneCliErrorsTest {

    @Test
    void noCommand() {
        CliRun.of().assertOneLine(AutoPruneCli.EXIT_USAGE, "a command is needed");
    }

    @Test
    void unknownCommandAndOption() {
        CliRun.of("shrink").assertOneLine(AutoPruneCli.EXIT_USAGE, "shrink");
        CliRun.of("report", "--colour", "x.zip").assertOneLine(AutoPruneCli.EXIT_USAGE, "--colour");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1", "1.5", "-0.2", "NaN"})
    void badTarget(String target, @TempDir Path dir) throws Exception {
        Path model = ModelFixtures.plainLeNet(dir);
        CliRun.of("prune", model.toString(), "--out", dir.resolve("o.zip").toString(), "--target", target).assertOneLine(
                AutoPruneCli.EXIT_USAGE, "--target must be in (0, 1)");
        CliRun.of("demo", "--target", target).assertOneLine(AutoPruneCli.EXIT_USAGE, "--target");
    }

    @Test
    void nonNumericTarget() {
        CliRun.of("demo", "--target", "half").assertOneLine(AutoPruneCli.EXIT_USAGE, "--target", "half");
    }

    @Test
    void otherBadNumbers(@TempDir Path dir) throws Exception {
        Path model = ModelFixtures.plainLeNet(dir);
        String out = dir.resolve("o.zip").toString();
        CliRun.of("prune", model.toString(), "--out", out, "--epochs", "0").assertOneLine(AutoPruneCli.EXIT_USAGE, "--epochs");
        CliRun.of("prune", model.toString(), "--out", out, "--lambda", "-1").assertOneLine(AutoPruneCli.EXIT_USAGE, "--lambda");
        CliRun.of("prune", model.toString(), "--out", out, "--batch", "0").assertOneLine(AutoPruneCli.EXIT_USAGE, "--batch");
        CliRun.of("demo", "--train-examples", "6000").assertOneLine(AutoPruneCli.EXIT_USAGE, "--train-examples");
        CliRun.of("report", model.toString(), "--input-shape", "1x28").assertOneLine(AutoPruneCli.EXIT_USAGE, "--input-shape");
    }

    @Test
    void missingArguments() {
        CliRun.of("prune", "--target", "0.5").assertOneLine(AutoPruneCli.EXIT_USAGE, "Missing required");
        CliRun.of("compact", "in.zip").assertOneLine(AutoPruneCli.EXIT_USAGE, "OUT");
        CliRun.of("report").assertOneLine(AutoPruneCli.EXIT_USAGE, "MODEL");
    }

    @Test
    void outMustBeAZip(@TempDir Path dir) throws Exception {
        Path model = ModelFixtures.plainLeNet(dir);
        CliRun.of("prune", model.toString(), "--out", dir.resolve("o.txt").toString()).assertOneLine(AutoPruneCli.EXIT_USAGE,
                "--out must name a .zip");
    }

    @Test
    void missingModelFile(@TempDir Path dir) {
        String missing = dir.resolve("nope.zip").toString();
        CliRun.of("report", missing).assertOneLine(AutoPruneCli.EXIT_INPUT, missing, "does not exist");
        CliRun.of("compact", missing, dir.resolve("o.zip").toString()).assertOneLine(AutoPruneCli.EXIT_INPUT, missing);
        CliRun.of("prune", missing, "--out", dir.resolve("o.zip").toString()).assertOneLine(AutoPruneCli.EXIT_INPUT, missing);
    }

    @Test
    void directoryInsteadOfModel(@TempDir Path dir) {
        CliRun.of("report", dir.toString()).assertOneLine(AutoPruneCli.EXIT_INPUT, dir.toString(), "not a readable file");
    }

    @Test
    void corruptModelFile(@TempDir Path dir) throws Exception {
        Path junk = dir.resolve("junk.zip");
        Files.write(junk, "this is not a zip file".getBytes());
        CliRun.of("report", junk.toString()).assertOneLine(AutoPruneCli.EXIT_INPUT, junk.toString(), "not a zip");
    }

    @Test
    void truncatedModelFile(@TempDir Path dir) throws Exception {
        Path model = ModelFixtures.plainLeNet(dir);
        byte[] bytes = Files.readAllBytes(model);
        Path cut = dir.resolve("cut.zip");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        CliRun.of("report", cut.toString()).assertOneLine(AutoPruneCli.EXIT_INPUT, cut.toString());
    }

    @Test
    void zipWithoutConfiguration(@TempDir Path dir) throws Exception {
        Path zip = dir.resolve("other.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            z.putNextEntry(new ZipEntry("readme.txt"));
            z.write("hello".getBytes());
            z.closeEntry();
        }
        CliRun.of("report", zip.toString()).assertOneLine(AutoPruneCli.EXIT_INPUT, zip.toString(), "configuration.json");
    }

    @Test
    void damagedConfiguration(@TempDir Path dir) throws Exception {
        Path zip = dir.resolve("damaged.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            z.putNextEntry(new ZipEntry("configuration.json"));
            z.write("{\"confs\": [ {\"layer\": 42} ]}".getBytes());
            z.closeEntry();
        }
        CliRun.of("report", zip.toString()).assertOneLine(AutoPruneCli.EXIT_INPUT, zip.toString(), "could not be loaded");
    }

    @Test
    void compactNeedsMasks(@TempDir Path dir) throws Exception {
        Path model = ModelFixtures.plainLeNet(dir);
        Path out = dir.resolve("o.zip");
        CliRun.of("compact", model.toString(), out.toString()).assertOneLine(AutoPruneCli.EXIT_INPUT, "no channel masks");
        assertFalse(Files.exists(out), "output written although compaction failed");
    }

    @Test
    void compactRefusesToOverwriteItsInput(@TempDir Path dir) throws Exception {
        Path model = ModelFixtures.maskedLeNet(dir);
        CliRun.of("compact", model.toString(), model.toString()).assertOneLine(AutoPruneCli.EXIT_USAGE, "OUT must differ");
    }

    @Test
    void missingDataFolder(@TempDir Path dir) throws Exception {
        Path model = ModelFixtures.plainLeNet(dir);
        Path nowhere = dir.resolve("no-images");
        CliRun.of("prune", model.toString(), "--out", dir.resolve("o.zip").toString(), "--images",
                nowhere.toString()).assertOneLine(AutoPruneCli.EXIT_INPUT, nowhere.toString());
        CliRun.of("prune", model.toString(), "--out", dir.resolve("o.zip").toString(), "--fashion-mnist",
                nowhere.toString()).assertOneLine(AutoPruneCli.EXIT_INPUT, nowhere.toString());
    }
}

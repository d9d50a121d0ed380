package dev.autoprune.examples.cli;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code prune --resume}: an interrupted run continues from its checkpoint and ends as it would have (issue 13). */
class AutoPruneCliResumeTest {

    /** Warm-up, two search epochs and one fine-tuning epoch of four minibatches each. */
    private static List<String> args(Path model, Path out, String... more) {
        List<String> a = new ArrayList<>(List.of("prune", model.toString(), "--out", out.toString(), "--limit", "128",
                "--batch", "32", "--epochs", "2", "--fine-tune-epochs", "1", "--min-search-iterations", "0",
                "--target", "0.6"));
        a.addAll(List.of(more));
        return a;
    }

    private static CliRun run(List<String> args) {
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void anInterruptedRunResumedFromItsCheckpointEndsAsAnUninterruptedOne(@TempDir Path dir) throws Exception {
        Path model = ModelFixtures.plainLeNet(dir);
        Path whole = dir.resolve("whole.zip");
        CliRun uninterrupted = run(args(model, whole));
        assertTrue(uninterrupted.exitCode() == 0 || uninterrupted.exitCode() == AutoPruneCli.EXIT_TARGET_MISSED,
                uninterrupted.err());
        assertFalse(Files.exists(dir.resolve("whole-checkpoint.zip")), "the checkpoint of a finished run is removed");

        Path parts = dir.resolve("parts.zip");
        Path checkpoint = dir.resolve("parts-checkpoint.zip");
        CliRun stopped = run(args(model, parts, "--stop-after", "2"));
        stopped.assertOneLine(AutoPruneCli.EXIT_STOPPED, "stopped after epoch 2", checkpoint.toString(),
                "--resume " + checkpoint);
        assertTrue(Files.exists(checkpoint));
        assertFalse(Files.exists(parts), "no model from a stopped run");

        run(args(model, parts, "--resume", checkpoint.toString(), "--lambda", "3")).assertOneLine(
                AutoPruneCli.EXIT_INPUT, "--resume refused", "lambda: 2.0 vs 3.0");
        assertFalse(Files.exists(parts));

        CliRun resumed = run(args(model, parts, "--resume", checkpoint.toString()));
        assertEquals(uninterrupted.exitCode(), resumed.exitCode(), resumed.err());
        assertTrue(resumed.out().contains("epoch  3/"), "the epochs count on:\n" + resumed.out());
        assertFalse(resumed.out().contains("epoch  1/"), resumed.out());
        assertEquals(tableRow(uninterrupted, "FLOPs per image"), tableRow(resumed, "FLOPs per image"));
        assertEquals(tableRow(uninterrupted, "channels conv1"), tableRow(resumed, "channels conv1"));
        assertEquals(tableRow(uninterrupted, "channels conv2"), tableRow(resumed, "channels conv2"));
        MultiLayerNetwork a = ModelSerializer.restoreMultiLayerNetwork(whole.toFile(), false);
        MultiLayerNetwork b = ModelSerializer.restoreMultiLayerNetwork(parts.toFile(), false);
        assertEquals(a.params(), b.params(), "the resumed run's weights differ from the uninterrupted run's");
        assertFalse(Files.exists(checkpoint), "the checkpoint of a finished run is removed");
    }

    @Test
    void aResumeFromAMissingOrForeignFileIsRefusedBeforeTraining(@TempDir Path dir) throws Exception {
        Path model = ModelFixtures.plainLeNet(dir);
        Path out = dir.resolve("o.zip");
        run(args(model, out, "--resume", dir.resolve("gone.zip").toString())).assertOneLine(AutoPruneCli.EXIT_INPUT,
                "gone.zip", "does not exist");
        CliRun foreign = run(args(model, out, "--resume", model.toString()));
        foreign.assertOneLine(AutoPruneCli.EXIT_INPUT, "is not a checkpoint of autoprune prune");
        assertFalse(foreign.out().contains("epoch"), foreign.out());
        run(args(model, out, "--checkpoint", out.toString())).assertOneLine(AutoPruneCli.EXIT_USAGE,
                "--checkpoint must differ from --out");
    }

    @Test
    void ctrlCSaysWhereTheCheckpointIsAndHowToResume() {
        Path checkpoint = Path.of("runs", "my model-checkpoint.zip");
        StringWriter err = new StringWriter();
        ResumeHint hint = new ResumeHint(checkpoint, List.of("prune", "m.zip", "--out", "runs/my model.zip",
                "--stop-after", "3", "--lambda", "4"), new PrintWriter(err, true));
        assertTrue(hint.message().contains("before the first epoch ended"), hint.message());
        hint.saved(2);
        assertEquals("autoprune prune: interrupted; the checkpoint after epoch 2 is " + checkpoint + "; resume with: "
                + "autoprune prune m.zip --out 'runs/my model.zip' --lambda 4 --resume 'runs/my model-checkpoint.zip'",
                hint.message());
        assertEquals(1, hint.message().lines().count());
        assertEquals("autoprune prune m.zip --out o.zip --resume c.zip", ResumeHint.resumeCommand(Path.of("c.zip"),
                List.of("prune", "m.zip", "--resume=old.zip", "--out", "o.zip")));
    }

    private static String tableRow(CliRun run, String label) {
        return run.out().lines().filter(l -> l.startsWith(label)).findFirst().orElse("(no " + label + " row)\n"
                + run.out());
    }
}

package dev.autoprune.bench;

import dev.autoprune.optimize.SharedAdam;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The quality benchmark's options for method experiments: the search's updaters and the selection set. */
class QualityBenchmarkSearchOptionsTest {

    private static int run(StringWriter err, String... args) {
        CommandLine cli = new CommandLine(new QualityBenchmark());
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void selectionEvaluationIsRefusedWhenTrainingWouldUseThoseImages(@TempDir Path dir) {
        for (String limit : new String[] {"0", "50001"}) {
            StringWriter err = new StringWriter();
            int rc = run(err, "--eval-on", "selection", "--train-limit", limit, "--markdown",
                    dir.resolve("B.md").toString());
            assertEquals(2, rc, err.toString());
            assertTrue(err.toString().contains("give --train-limit <= 50000"), err.toString());
        }
        assertFalse(Files.exists(dir.resolve("B.md")));
    }

    @Test
    void anUnknownUpdaterIsRefusedNamingTheChoices(@TempDir Path dir) {
        StringWriter err = new StringWriter();
        int rc = run(err, "--ratio-updater", "adagrad", "--markdown", dir.resolve("B.md").toString());
        assertEquals(2, rc);
        assertTrue(err.toString().contains("'adagrad' is not an updater: use adam, sgd or shared-adam"), err.toString());
    }

    @Test
    void theUpdaterNamesMakeTheirUpdaters() {
        SearchUpdater.Converter names = new SearchUpdater.Converter();
        assertEquals(new SharedAdam(0.1), names.convert("shared-adam").of(0.1));
        assertEquals(new Adam(0.05), names.convert("adam").of(0.05));
        assertEquals(new Sgd(2.0), names.convert("sgd").of(2.0));
        for (SearchUpdater u : SearchUpdater.values()) {
            assertEquals(u, names.convert(u.label()));
        }
    }
}

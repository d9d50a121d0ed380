package dev.autoprune.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The table side of the quality benchmark: merging CSVs of split runs (no training here). */
class QualityBenchmarkTest {

    private static final String HEADER = "net,target,method,seed,test_accuracy,hard_flops,params,epochs,seconds\n";

    @Test
    void mergesSplitRunsAndKeepsARepeatedBaselineOnce(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a.csv");
        Path b = dir.resolve("b.csv");
        Files.writeString(a, HEADER
                + "LENET,1.00,baseline,1,0.8000,1.0000,1000,1,10.0\n"
                + "LENET,1.00,baseline+fresh-optimizer,1,0.8500,1.0000,1000,3,20.0\n"
                + "LENET,0.10,autoprune,1,0.8100,0.1000,100,3,30.0\n"
                + "LENET,1.00,baseline,3,0.8200,1.0000,1000,1,10.0\n"
                + "LENET,0.10,autoprune,3,0.8300,0.1000,120,3,30.0\n");
        // The second process re-trained seed 3's baseline (same result) and ran another target.
        Files.writeString(b, HEADER
                + "LENET,1.00,baseline,3,0.8200,1.0000,1000,1,10.0\n"
                + "LENET,0.50,autoprune,3,0.8400,0.5000,500,3,30.0\n");
        Path md = dir.resolve("B.md");

        int rc = new CommandLine(new QualityBenchmark()).execute("--nets", "LENET", "--seeds", "1,3", "--markdown",
                md.toString(), "--section", "merged", "--table-from", a + "," + b);

        assertEquals(0, rc);
        List<String> lines = Files.readAllLines(md);
        assertTrue(lines.contains("| LENET | - | baseline | 2 | 1 | 0.8100 ± 0.0141 |  | 1.000 | 1000 | 10 |"),
                String.join("\n", lines));
        assertTrue(lines.contains("| LENET | 0.1 | autoprune | 2 | 3 | 0.8200 ± 0.0141 | -0.0300 | 0.100 | 110 | 30 |"),
                String.join("\n", lines));
        // One run has no spread, and the table says so instead of printing "± 0".
        assertTrue(lines.contains("| LENET | 0.5 | autoprune | 1 | 3 | 0.8400 (1 seed) | -0.0100 | 0.500 | 500 | 30 |"),
                String.join("\n", lines));
        assertTrue(Files.readString(md).contains("Raw rows: `" + a + "`, `" + b + "`."));
        // Seed 1 has a fresh-optimizer baseline, seed 3 does not: the paired line uses only seed 1.
        assertTrue(lines.contains("- LENET T=0.1, vs baseline+fresh-optimizer: -0.0400 (1 seed) (-0.0400)"),
                String.join("\n", lines));
    }

    @Test
    void pairsAutoPruneWithTheOtherMethodsSeedBySeed() {
        List<QualityRow> rows = List.of(
                new QualityRow("LENET", 0.1, "autoprune", 1, 0.80, 0.1, 100, 3, 1),
                new QualityRow("LENET", 0.1, "uniform-L1", 1, 0.78, 0.1, 100, 3, 1),
                new QualityRow("LENET", 0.1, "autoprune", 2, 0.90, 0.1, 100, 3, 1),
                new QualityRow("LENET", 0.1, "uniform-L1", 2, 0.86, 0.1, 100, 3, 1));

        String text = QualityTables.pairedDifferences(rows);

        // Differences +0.02 and +0.04: mean +0.03, sd 0.0141, whatever the seeds' own levels.
        assertTrue(text.contains("- LENET T=0.1, vs uniform-L1: +0.0300 ± 0.0141 (+0.0200, +0.0400)"), text);
        assertFalse(text.contains("baseline+fresh-optimizer"), text);
    }

    /** The search cost is the AutoPrune phase's time against the fresh control's; without that control, no line. */
    @Test
    void statesTheSearchCostOnlyAgainstTheFreshOptimizerControl() {
        QualityRow base = new QualityRow("LENET", 1.0, "baseline", 1, 0.80, 1.0, 1000, 1, 10, "");
        QualityRow pruned = new QualityRow("LENET", 0.5, "autoprune", 1, 0.81, 0.5, 500, 3, 45, "");
        QualityRow fresh = new QualityRow("LENET", 1.0, "baseline+fresh-optimizer", 1, 0.82, 1.0, 1000, 3, 30, "");

        String withControl = QualityTables.render(List.of(base, fresh, pruned));
        String without = QualityTables.render(List.of(base, pruned));

        assertTrue(withControl.contains("plain training of the baseline): LENET T=0.5: 1.50x;"), withControl);
        assertFalse(without.contains("Search cost"), without);
    }

    /** A CSV from before the kept column merges with a new one; the allocation table shows the new rows' widths. */
    @Test
    void mergesOldRowsWithoutKeptWidthsAndTabulatesTheNewOnes(@TempDir Path dir) throws Exception {
        Path old = dir.resolve("old.csv");
        Files.writeString(old, HEADER
                + "LENET,1.00,baseline,1,0.8000,1.0000,1000,1,10.0\n"
                + "LENET,0.10,autoprune,1,0.8100,0.1000,100,3,30.0\n");
        Path fresh = dir.resolve("new.csv");
        QualityCsv.write(fresh, List.of(
                new QualityRow("LENET", 1.0, "baseline", 2, 0.82, 1.0, 1000, 1, 10, "conv1=20/20 conv2=50/50"),
                new QualityRow("LENET", 0.1, "autoprune", 2, 0.83, 0.1, 100, 3, 30, "conv1=4/20 conv2=9/50"),
                new QualityRow("LENET", 0.1, "global-magnitude", 2, 0.80, 0.1, 100, 3, 30, "conv1=9/20 conv2=5/50"),
                new QualityRow("LENET", 0.1, "autoprune-arch-from-scratch", 2, 0.79, 0.1, 100, 3, 30,
                        "conv1=4/20 conv2=9/50")));

        List<QualityRow> rows = QualityCsv.merge(List.of(old, fresh));

        assertEquals(6, rows.size());
        assertEquals("", rows.get(1).kept());
        assertEquals("conv1=9/20 conv2=5/50", rows.get(4).kept());
        String md = QualityTables.render(rows);
        assertTrue(md.contains("| target | seed | method | conv1 (20) | conv2 (50) |"), md);
        assertTrue(md.contains("| 0.1 | 2 | autoprune | 4 | 9 |"), md);
        assertTrue(md.contains("| 0.1 | 2 | global-magnitude | 9 | 5 |"), md);
        assertFalse(md.contains("| 0.1 | 2 | autoprune-arch-from-scratch | 4"), md);
        assertTrue(md.contains("- LENET T=0.1, vs global-magnitude: +0.0300 (1 seed) (+0.0300)"), md);
        assertTrue(md.contains("- LENET T=0.1, vs autoprune-arch-from-scratch: +0.0400 (1 seed) (+0.0400)"), md);
        // Old rows alone render no allocation table.
        assertFalse(QualityTables.render(QualityCsv.read(old)).contains("Kept channels"));
    }

    @Test
    void refusesComparisonMethodsWithoutAutoPrune(@TempDir Path dir) {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new QualityBenchmark());
        cli.setErr(new PrintWriter(err));

        int rc = cli.execute("--methods", "FRESH,L1", "--markdown", dir.resolve("B.md").toString());

        assertEquals(2, rc);
        assertTrue(err.toString().contains("L1, GLOBAL and SCRATCH need AUTOPRUNE"), err.toString());
        assertFalse(Files.exists(dir.resolve("B.md")));
    }
}

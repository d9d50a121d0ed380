package dev.autoprune.examples.cli;

import dev.autoprune.report.PruningReport;

import java.io.IOException;
import java.nio.file.Path;

/** Writes a {@link PruningReport} as {@code <stem>.txt}, {@code <stem>.json} and {@code <stem>.csv}, each atomically. */
public final class ReportFiles {

    private ReportFiles() {
    }

    /**
     * @param report the report
     * @param stem the path without extension, e.g. {@code out/report}
     * @throws IOException if a file cannot be written
     */
    public static void write(PruningReport report, Path stem) throws IOException {
        AtomicFiles.writeString(sibling(stem, ".txt"), report.toTable());
        AtomicFiles.writeString(sibling(stem, ".json"), report.toJson());
        AtomicFiles.writeString(sibling(stem, ".csv"), report.toCsv());
    }

    static Path sibling(Path stem, String suffix) {
        return stem.resolveSibling(stem.getFileName() + suffix);
    }
}

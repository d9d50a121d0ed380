package dev.autoprune.bench;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The raw rows of the quality benchmark as CSV: written after every run, read back and merged to re-render tables. */
final class QualityCsv {

    private static final Logger log = LoggerFactory.getLogger(QualityCsv.class);

    /** The columns; {@code kept} (the last) is absent from CSVs written before it existed, which still read. */
    private static final String HEADER = "net,target,method,seed,test_accuracy,hard_flops,params,epochs,seconds,kept\n";

    private QualityCsv() {
    }

    /** Writes the rows to {@code file} (its folder is created when missing), replacing what was there. */
    static void write(Path file, List<QualityRow> rows) throws IOException {
        Files.createDirectories(file.getParent());
        StringBuilder csv = new StringBuilder(HEADER);
        for (QualityRow r : rows) {
            csv.append(String.format(Locale.ROOT, "%s,%.2f,%s,%d,%.4f,%.4f,%d,%d,%.1f,%s%n", r.net(), r.target(),
                    r.method(), r.seed(), r.accuracy(), r.hardFlops(), r.params(), r.epochs(), r.seconds(), r.kept()));
        }
        Files.writeString(file, csv.toString());
    }

    /** Reads the rows of a CSV written by {@link #write}, with or without the {@code kept} column. */
    static List<QualityRow> read(Path csv) throws IOException {
        List<QualityRow> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(csv);
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",", -1);
            rows.add(new QualityRow(f[0], Double.parseDouble(f[1]), f[2], Long.parseLong(f[3]), Double.parseDouble(f[4]),
                    Double.parseDouble(f[5]), Long.parseLong(f[6]), Integer.parseInt(f[7]), Double.parseDouble(f[8]),
                    f.length > 9 ? f[9] : ""));
        }
        return rows;
    }

    /**
     * The rows of several CSVs in the order given. A cell split over two processes re-trains that seed's
     * baseline in both; training is deterministic per seed, so the first copy of a (net, target, method,
     * seed) row is kept (and a disagreeing copy is logged).
     */
    static List<QualityRow> merge(List<Path> csvs) throws IOException {
        Map<String, QualityRow> merged = new LinkedHashMap<>();
        for (Path csv : csvs) {
            for (QualityRow r : read(csv)) {
                QualityRow earlier = merged.putIfAbsent(QualityRow.key(r.net(), r.target(), r.method(), r.seed()), r);
                if (earlier != null && earlier.accuracy() != r.accuracy()) {
                    log.warn("{} and an earlier CSV disagree on {} (accuracy {} vs {}); keeping the first",
                            csv, r, earlier.accuracy(), r.accuracy());
                }
            }
        }
        return new ArrayList<>(merged.values());
    }
}

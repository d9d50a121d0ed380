package dev.autoprune.arbiter.report;

import org.deeplearning4j.arbiter.optimize.api.OptimizationResult;
import org.deeplearning4j.arbiter.optimize.serde.jackson.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The results of a pruning sweep: a table of every candidate (hyperparameters, hard-masked
 * accuracy, hard FLOPs fraction, kept channels, epochs, wall time, score), the best candidate, and
 * the same data as CSV or JSON.
 */
public final class SweepReport {

    private static final Map<String, String> SHORT_NAMES = Map.ofEntries(
            Map.entry("targetFlops", "target"), Map.entry("lambda", "lambda"),
            Map.entry("ratioLearningRate", "ratioLR"), Map.entry("temperatureStart", "tau0"),
            Map.entry("temperatureEnd", "tau1"), Map.entry("weightSteps", "N"), Map.entry("ratioSteps", "M"),
            Map.entry("warmupEpochs", "warm"), Map.entry("maxSearchEpochs", "search"),
            Map.entry("fineTuneEpochs", "ft"), Map.entry("tolerance", "tol"), Map.entry("patience", "pat"));

    private final List<SweepRow> rows;
    private final boolean minimize;

    private SweepReport(List<SweepRow> rows, boolean minimize) {
        this.rows = List.copyOf(rows);
        this.minimize = minimize;
    }

    /**
     * A report of the results of a sweep run with {@code AutoPruneTaskCreator}.
     *
     * @param results  the results (e.g. {@link SweepRecorder#results()})
     * @param minimize whether lower scores are better (the score function's {@code minimize()})
     * @return the report
     */
    public static SweepReport of(List<OptimizationResult> results, boolean minimize) {
        List<SweepRow> rows = new ArrayList<>();
        for (OptimizationResult r : results) {
            rows.add(SweepRow.of(r));
        }
        rows.sort(Comparator.comparingInt(SweepRow::index));
        return new SweepReport(rows, minimize);
    }

    /** Every candidate, by index. */
    public List<SweepRow> rows() {
        return rows;
    }

    /** The best completed candidate, if any completed. */
    public Optional<SweepRow> best() {
        Comparator<SweepRow> byScore = Comparator.comparingDouble(SweepRow::score);
        return rows.stream().filter(SweepRow::completed).max(minimize ? byScore.reversed() : byScore);
    }

    /** The settings searched in any row, in first-seen order. */
    private List<String> settingNames() {
        Set<String> names = new LinkedHashSet<>();
        for (SweepRow r : rows) {
            names.addAll(r.settings().keySet());
        }
        return new ArrayList<>(names);
    }

    /** A fixed-width text table, one line per candidate, then the best. */
    public String table() {
        List<String> names = settingNames();
        List<String> header = new ArrayList<>(List.of("#", "widths"));
        names.forEach(n -> header.add(SHORT_NAMES.getOrDefault(n, n)));
        header.addAll(List.of("accuracy", "hardFLOPs", "kept", "epochs", "wall s", "score"));
        List<List<String>> cells = new ArrayList<>();
        for (SweepRow r : rows) {
            List<String> line = new ArrayList<>(List.of(Integer.toString(r.index()), widths(r)));
            names.forEach(n -> line.add(value(r.settings().get(n))));
            if (r.outcome() != null) {
                line.add(fmt(r.outcome().accuracy()));
                line.add(fmt(r.outcome().hardFlopsFraction()));
                line.add(r.outcome().keptSummary());
                line.add(Integer.toString(r.outcome().epochs()));
                line.add(String.format(Locale.ROOT, "%.1f", r.outcome().wallMillis() / 1000.0));
            } else {
                line.addAll(List.of("-", "-", "-", "-", "-"));
            }
            line.add(r.completed() ? fmt(r.score()) : "FAILED: " + r.failure());
            cells.add(line);
        }
        int[] width = new int[header.size()];
        for (int i = 0; i < header.size(); i++) {
            width[i] = header.get(i).length();
            for (List<String> line : cells) {
                width[i] = Math.max(width[i], i == header.size() - 1 ? 0 : line.get(i).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        appendLine(sb, header, width);
        cells.forEach(line -> appendLine(sb, line, width));
        best().ifPresentOrElse(
                b -> sb.append(String.format(Locale.ROOT, "Best: candidate %d (score %s, accuracy %s at %s of full FLOPs)%n",
                        b.index(), fmt(b.score()), fmt(b.outcome().accuracy()), fmt(b.outcome().hardFlopsFraction()))),
                () -> sb.append("Best: none, every candidate failed").append(System.lineSeparator()));
        return sb.toString();
    }

    private static void appendLine(StringBuilder sb, List<String> line, int[] width) {
        for (int i = 0; i < line.size(); i++) {
            String cell = line.get(i);
            sb.append(i == line.size() - 1 ? cell : String.format("%-" + width[i] + "s  ", cell));
        }
        sb.append(System.lineSeparator());
    }

    /** The report as CSV: a header, then one line per candidate. */
    public String csv() {
        List<String> names = settingNames();
        List<String> header = new ArrayList<>(List.of("index", "widths"));
        header.addAll(names);
        header.addAll(List.of("accuracy", "hardFlopsFraction", "fullFlops", "keptChannels", "epochs", "phase",
                "wallSeconds", "score", "failure"));
        StringBuilder sb = new StringBuilder(String.join(",", header)).append('\n');
        for (SweepRow r : rows) {
            List<String> line = new ArrayList<>(List.of(Integer.toString(r.index()), quote(widths(r))));
            names.forEach(n -> line.add(r.settings().containsKey(n) ? String.valueOf(r.settings().get(n)) : ""));
            if (r.outcome() != null) {
                line.add(Double.toString(r.outcome().accuracy()));
                line.add(Double.toString(r.outcome().hardFlopsFraction()));
                line.add(Long.toString(r.outcome().fullFlops()));
                line.add(quote(r.outcome().keptSummary()));
                line.add(Integer.toString(r.outcome().epochs()));
                line.add(String.valueOf(r.outcome().phase()));
                line.add(Double.toString(r.outcome().wallMillis() / 1000.0));
            } else {
                line.addAll(List.of("", "", "", "", "", "", ""));
            }
            line.add(r.score() == null ? "" : Double.toString(r.score()));
            line.add(r.failure() == null ? "" : quote(r.failure()));
            sb.append(String.join(",", line)).append('\n');
        }
        return sb.toString();
    }

    /** The report as a JSON array of candidates (every field of {@link SweepRow#toMap()}). */
    public String json() {
        try {
            return JsonMapper.getMapper().writeValueAsString(rows.stream().map(SweepRow::toMap).collect(Collectors.toList()));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write the sweep report as JSON", e);
        }
    }

    /**
     * Writes {@link #csv()} or {@link #json()}, chosen by the file name's ending ({@code .csv} or {@code .json}).
     *
     * @param file the file to write
     * @throws IOException if it cannot be written
     * @throws IllegalArgumentException if the name ends in neither
     */
    public void write(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String text;
        if (name.endsWith(".csv")) {
            text = csv();
        } else if (name.endsWith(".json")) {
            text = json();
        } else {
            throw new IllegalArgumentException("SweepReport.write: the file name must end in .csv or .json, found " + file);
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static String widths(SweepRow r) {
        return r.widths().stream().map(String::valueOf).collect(Collectors.joining("-"));
    }

    private static String value(Object v) {
        if (v == null) {
            return "-";
        }
        if (v instanceof Double d) {
            return d >= 0.01 || d == 0 ? String.format(Locale.ROOT, "%.3f", d) : String.format(Locale.ROOT, "%.2e", d);
        }
        return v.toString();
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    private static String quote(String s) {
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}

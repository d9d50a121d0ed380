package dev.autoprune.arbiter.report;

import dev.autoprune.arbiter.PruningCandidate;
import dev.autoprune.arbiter.scoring.PruningOutcome;
import org.deeplearning4j.arbiter.optimize.api.OptimizationResult;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One candidate of a sweep, flattened for tables and files: its index, the searched network widths
 * and pruning settings, and either its outcome and score or its failure.
 *
 * @param index    the candidate index
 * @param widths   channel counts of the masked layers before pruning
 * @param settings the searched pruning settings by name
 * @param outcome  accuracy, hard FLOPs, epochs and wall time, or null if it failed
 * @param score    the score, or null if it failed
 * @param failure  the first line of the failure, or null if it completed
 */
public record SweepRow(int index, List<Long> widths, Map<String, Object> settings, PruningOutcome outcome, Double score,
                       String failure) {

    /**
     * Flattens an Arbiter result of a pruning sweep.
     *
     * @param result the result
     * @return the row
     */
    public static SweepRow of(OptimizationResult result) {
        PruningCandidate c = (PruningCandidate) result.getCandidate().getValue();
        PruningOutcome outcome = result.getModelSpecificResults() instanceof PruningOutcome o ? o : null;
        String failure = null;
        if (result.getScore() == null) {
            String trace = result.getCandidateInfo() == null ? null : result.getCandidateInfo().getExceptionStackTrace();
            failure = trace == null ? "no score" : trace.lines().findFirst().orElse("failed");
        }
        return new SweepRow(result.getIndex(), c.maskedWidths(), c.searchedValues(), outcome, result.getScore(), failure);
    }

    /** Whether the candidate completed with a score. */
    public boolean completed() {
        return score != null;
    }

    /** All fields by name, in a fixed order (for JSON). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", index);
        m.put("widths", widths);
        m.put("settings", settings);
        if (outcome != null) {
            m.put("accuracy", outcome.accuracy());
            m.put("hardFlopsFraction", outcome.hardFlopsFraction());
            m.put("fullFlops", outcome.fullFlops());
            m.put("keptChannels", outcome.keptChannels());
            m.put("channels", outcome.channels());
            m.put("epochs", outcome.epochs());
            m.put("phase", outcome.phase());
            m.put("wallSeconds", outcome.wallMillis() / 1000.0);
        }
        m.put("score", score);
        if (failure != null) {
            m.put("failure", failure);
        }
        return m;
    }
}

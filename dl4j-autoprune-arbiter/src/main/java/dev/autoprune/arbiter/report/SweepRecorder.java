package dev.autoprune.arbiter.report;

import org.deeplearning4j.arbiter.optimize.api.OptimizationResult;
import org.deeplearning4j.arbiter.optimize.runner.CandidateInfo;
import org.deeplearning4j.arbiter.optimize.runner.CandidateStatus;
import org.deeplearning4j.arbiter.optimize.runner.IOptimizationRunner;
import org.deeplearning4j.arbiter.optimize.runner.listener.BaseStatusListener;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * An Arbiter status listener that keeps every finished candidate's result, completed or failed
 * (Arbiter's runner itself only keeps the saved ones). Add it with
 * {@code runner.addListeners(recorder)} and build a {@link SweepReport} from {@link #results()}.
 */
public final class SweepRecorder extends BaseStatusListener {

    private final List<OptimizationResult> results = new ArrayList<>();

    /** Creates an empty recorder. */
    public SweepRecorder() {
    }

    @Override
    public synchronized void onCandidateStatusChange(CandidateInfo candidateInfo, IOptimizationRunner runner,
                                                     OptimizationResult result) {
        if (result != null && (candidateInfo.getCandidateStatus() == CandidateStatus.Complete
                || candidateInfo.getCandidateStatus() == CandidateStatus.Failed)) {
            results.add(result);
        }
    }

    /** The finished results so far, by candidate index. */
    public synchronized List<OptimizationResult> results() {
        List<OptimizationResult> copy = new ArrayList<>(results);
        copy.sort(Comparator.comparingInt(OptimizationResult::getIndex));
        return copy;
    }
}

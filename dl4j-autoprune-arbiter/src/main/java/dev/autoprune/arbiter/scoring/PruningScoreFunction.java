package dev.autoprune.arbiter.scoring;

import org.deeplearning4j.arbiter.optimize.api.score.ScoreFunction;

/**
 * An Arbiter score function that can score a {@link PruningOutcome} directly, so that a sweep task
 * which has already measured its candidate (accuracy and hard FLOPs) does not evaluate it twice.
 */
public interface PruningScoreFunction extends ScoreFunction {

    /**
     * Scores a measured candidate.
     *
     * @param outcome the candidate's accuracy and FLOPs
     * @return the score (see {@link #minimize()} for its direction)
     */
    double score(PruningOutcome outcome);
}

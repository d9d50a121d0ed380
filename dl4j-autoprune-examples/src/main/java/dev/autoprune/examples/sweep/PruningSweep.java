package dev.autoprune.examples.sweep;

import dev.autoprune.arbiter.AutoPruneSpace;
import dev.autoprune.arbiter.PruningSearchSpace;
import dev.autoprune.arbiter.report.SweepRecorder;
import dev.autoprune.arbiter.report.SweepReport;
import dev.autoprune.arbiter.scoring.BudgetedAccuracyScoreFunction;
import dev.autoprune.arbiter.task.AutoPruneTaskCreator;
import org.deeplearning4j.arbiter.MultiLayerSpace;
import org.deeplearning4j.arbiter.optimize.api.termination.MaxCandidatesCondition;
import org.deeplearning4j.arbiter.optimize.config.OptimizationConfiguration;
import org.deeplearning4j.arbiter.optimize.generator.RandomSearchGenerator;
import org.deeplearning4j.arbiter.optimize.runner.IOptimizationRunner;
import org.deeplearning4j.arbiter.optimize.runner.LocalOptimizationRunner;

import java.util.Properties;

/**
 * Runs a random-search pruning sweep with Arbiter on one machine: candidates drawn from a network
 * space and an {@link AutoPruneSpace}, each trained with an {@code AutoPruneListener} until it is done,
 * on {@link SweepData}, scored by {@link BudgetedAccuracyScoreFunction} (hard-masked test accuracy,
 * candidates over the FLOPs budget below every one within it).
 */
public final class PruningSweep {

    /** What a sweep produced. */
    public record Result(SweepReport report, double seconds) {
    }

    private PruningSweep() {
    }

    /**
     * Runs the sweep.
     *
     * @param network the network space
     * @param pruning the pruning-settings space
     * @param data the {@link SweepData} properties
     * @param flopsBudget the FLOPs budget of the score, in (0, 1]
     * @param candidates the number of candidates, >= 1
     * @param seed the seed of the random search
     * @return the report of every candidate and the wall time
     */
    public static Result run(MultiLayerSpace network, AutoPruneSpace pruning, Properties data, double flopsBudget,
                             int candidates, long seed) {
        if (candidates < 1) {
            throw new IllegalArgumentException("candidates must be >= 1, found " + candidates);
        }
        BudgetedAccuracyScoreFunction score = new BudgetedAccuracyScoreFunction(flopsBudget);
        OptimizationConfiguration config = new OptimizationConfiguration.Builder()
                .candidateGenerator(new RandomSearchGenerator(new PruningSearchSpace(network, pruning), null))
                .dataSource(SweepData.class, data)
                .scoreFunction(score)
                .terminationConditions(new MaxCandidatesCondition(candidates))
                .rngSeed(seed)
                .build();
        IOptimizationRunner runner = new LocalOptimizationRunner(config, new AutoPruneTaskCreator());
        SweepRecorder recorder = new SweepRecorder();
        runner.addListeners(recorder);
        long start = System.nanoTime();
        runner.execute();
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(SweepReport.of(recorder.results(), score.minimize()), seconds);
    }
}

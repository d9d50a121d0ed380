package dev.autoprune.arbiter.task;

import org.deeplearning4j.arbiter.optimize.api.Candidate;
import org.deeplearning4j.arbiter.optimize.api.OptimizationResult;
import org.deeplearning4j.arbiter.optimize.api.TaskCreator;
import org.deeplearning4j.arbiter.optimize.api.data.DataProvider;
import org.deeplearning4j.arbiter.optimize.api.data.DataSource;
import org.deeplearning4j.arbiter.optimize.api.score.ScoreFunction;
import org.deeplearning4j.arbiter.optimize.runner.IOptimizationRunner;
import org.deeplearning4j.arbiter.optimize.runner.listener.StatusListener;
import org.deeplearning4j.nn.conf.inputs.InputType;

import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;

/**
 * The Arbiter task creator of pruning sweeps: give it to {@code LocalOptimizationRunner} together
 * with a {@code PruningSearchSpace}. Each task builds the candidate's network, trains it with an
 * {@code AutoPruneListener} built from the candidate's settings until the listener is done
 * (warm-up, search, fine-tuning), measures the hard-masked accuracy and hard FLOPs fraction on the
 * test data, scores it, and returns an {@code OptimizationResult} whose
 * {@code modelSpecificResults} is the {@code PruningOutcome} (so every result records its FLOPs).
 *
 * <pre>{@code
 * IOptimizationRunner runner = new LocalOptimizationRunner(config, new AutoPruneTaskCreator());
 * }</pre>
 *
 * <p>Reference: B. Li, Y. Fan, Z. Pan, G. Zhang, "AutoPruning for Deep Neural Network with Dynamic
 * Channel Masking", arXiv:2010.12021 (2020).
 */
public final class AutoPruneTaskCreator implements TaskCreator {

    private final InputType inputType;

    /** A task creator that reads the input type off the data ({@code [mb, C, H, W]} images). */
    public AutoPruneTaskCreator() {
        this(null);
    }

    /**
     * A task creator for networks with the given input type (needed for flattened image input,
     * which a batch shape cannot tell apart from dense input).
     *
     * @param inputType the network input type, or null to read it off the data
     */
    public AutoPruneTaskCreator(InputType inputType) {
        this.inputType = inputType;
    }

    @Override
    public Callable<OptimizationResult> create(Candidate candidate, DataProvider dataProvider, ScoreFunction scoreFunction,
                                               List<StatusListener> statusListeners, IOptimizationRunner runner) {
        return new AutoPruneTask(candidate, CandidateData.of(dataProvider, candidate.getDataParameters()),
                scoreFunction, statusListeners, runner, inputType);
    }

    @Override
    public Callable<OptimizationResult> create(Candidate candidate, Class<? extends DataSource> dataSource,
                                               Properties dataSourceProperties, ScoreFunction scoreFunction,
                                               List<StatusListener> statusListeners, IOptimizationRunner runner) {
        return new AutoPruneTask(candidate, CandidateData.of(dataSource, dataSourceProperties), scoreFunction,
                statusListeners, runner, inputType);
    }
}

package dev.autoprune.arbiter.task;

import dev.autoprune.arbiter.PruningCandidate;
import dev.autoprune.arbiter.scoring.HardMaskedEvaluation;
import dev.autoprune.arbiter.scoring.PruningOutcome;
import dev.autoprune.arbiter.scoring.PruningScoreFunction;
import dev.autoprune.listener.AutoPruneListener;
import org.deeplearning4j.arbiter.optimize.api.Candidate;
import org.deeplearning4j.arbiter.optimize.api.OptimizationResult;
import org.deeplearning4j.arbiter.optimize.api.saving.ResultReference;
import org.deeplearning4j.arbiter.optimize.api.saving.ResultSaver;
import org.deeplearning4j.arbiter.optimize.api.score.ScoreFunction;
import org.deeplearning4j.arbiter.optimize.runner.CandidateInfo;
import org.deeplearning4j.arbiter.optimize.runner.CandidateStatus;
import org.deeplearning4j.arbiter.optimize.runner.IOptimizationRunner;
import org.deeplearning4j.arbiter.optimize.runner.listener.StatusListener;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Trains, prunes, measures and scores one candidate (see {@link AutoPruneTaskCreator}). A candidate
 * that fails (a wrong candidate type, or an exception from DL4J, the listener or the result saver)
 * becomes a FAILED result with its reason, as Arbiter expects; Errors propagate.
 */
final class AutoPruneTask implements Callable<OptimizationResult> {

    private static final Logger log = LoggerFactory.getLogger(AutoPruneTask.class);

    private final Candidate candidate;
    private final CandidateData data;
    private final ScoreFunction scoreFunction;
    private final List<StatusListener> statusListeners;
    private final IOptimizationRunner runner;
    private final InputType inputType;

    AutoPruneTask(Candidate candidate, CandidateData data, ScoreFunction scoreFunction,
                  List<StatusListener> statusListeners, IOptimizationRunner runner, InputType inputType) {
        this.candidate = candidate;
        this.data = data;
        this.scoreFunction = scoreFunction;
        this.statusListeners = statusListeners == null ? List.of() : statusListeners;
        this.runner = runner;
        this.inputType = inputType;
    }

    @Override
    public OptimizationResult call() {
        long start = System.currentTimeMillis();
        OptimizationResult result;
        try {
            result = run(start);
        } catch (RuntimeException | IOException e) {
            // Arbiter's contract: a candidate that fails is a FAILED result, and the search goes on. A
            // candidate can fail while its configuration is drawn or in DL4J/ND4J (runtime exceptions: a
            // value a builder refuses, a shape or numeric error, a listener refusal) or while saving
            // (IOException). Errors (out of memory, a broken native library) are not a candidate's
            // fault: they propagate.
            log.warn("Pruning candidate {} failed", candidate.getIndex(), e);
            result = failed(start, stackTrace(e));
        } finally {
            Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread();
        }
        notifyListeners(result);
        return result;
    }

    private OptimizationResult failed(long start, String why) {
        CandidateInfo info = new CandidateInfo(candidate.getIndex(), CandidateStatus.Failed, null, start, start,
                System.currentTimeMillis(), candidate.getFlatParameters(), why);
        return new OptimizationResult(candidate, null, candidate.getIndex(), null, info, null);
    }

    private OptimizationResult run(long start) throws IOException {
        Object value = candidate.getValue();
        if (!(value instanceof PruningCandidate pc)) {
            return failed(start, "AutoPruneTaskCreator runs PruningSearchSpace candidates, found "
                    + (value == null ? "null" : value.getClass().getName()) + ". Wrap the MultiLayerSpace: "
                    + "new PruningSearchSpace(networkSpace, autoPruneSpace).");
        }
        MultiLayerNetwork net = new MultiLayerNetwork(pc.configuration());
        net.init();
        AutoPruneListener.Builder lb = AutoPruneListener.builder().settings(pc.settings()).validationData(data.ratioSteps());
        if (inputType != null) {
            lb.inputTypes(inputType);
        }
        AutoPruneListener pruner = lb.build();
        net.addListeners(pruner);
        DataSetIterator train = data.train();
        int epochs = 0;
        while (!pruner.isDone() && epochs < pruner.maxTotalEpochs()) { // grows with minSearchIterations
            net.fit(train);
            epochs++;
        }
        if (!pruner.isDone()) {
            throw new IllegalStateException("AutoPruneListener not done after " + epochs + " epochs (its maximum), phase "
                    + pruner.phase());
        }
        PruningOutcome outcome = HardMaskedEvaluation.measure(net, data.test(), inputType)
                .withTraining(epochs, pruner.phase().name(), System.currentTimeMillis() - start);
        double score = scoreFunction instanceof PruningScoreFunction p ? p.score(outcome)
                : data.score(scoreFunction, net);
        log.info("Pruning candidate {}: {} -> score {}", candidate.getIndex(), outcome, score);
        CandidateInfo info = new CandidateInfo(candidate.getIndex(), CandidateStatus.Complete, score, start, start,
                System.currentTimeMillis(), candidate.getFlatParameters(), null);
        OptimizationResult result = new OptimizationResult(candidate, score, candidate.getIndex(), outcome, info, null);
        ResultSaver saver = runner == null || runner.getConfiguration() == null ? null
                : runner.getConfiguration().getResultSaver();
        if (saver != null) {
            ResultReference ref = saver.saveModel(result, net);
            result.setResultReference(ref);
        }
        return result;
    }

    private void notifyListeners(OptimizationResult result) {
        for (StatusListener sl : statusListeners) {
            try {
                sl.onCandidateStatusChange(result.getCandidateInfo(), runner, result);
            } catch (RuntimeException e) {
                log.error("Status listener {} failed for candidate {}", sl, candidate.getIndex(), e);
            }
        }
    }

    private static String stackTrace(Exception t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }
}

package dev.autoprune.arbiter;

import dev.autoprune.arbiter.report.SweepRecorder;
import dev.autoprune.arbiter.report.SweepReport;
import dev.autoprune.arbiter.scoring.BudgetedAccuracyScoreFunction;
import dev.autoprune.arbiter.scoring.HardMaskedEvaluation;
import dev.autoprune.arbiter.scoring.PruningOutcome;
import dev.autoprune.arbiter.task.AutoPruneTaskCreator;
import dev.autoprune.layers.MaskMode;
import dev.autoprune.layers.MaskedLayer;
import org.deeplearning4j.arbiter.optimize.api.OptimizationResult;
import org.deeplearning4j.arbiter.optimize.api.saving.InMemoryResultSaver;
import org.deeplearning4j.arbiter.optimize.api.saving.ResultReference;
import org.deeplearning4j.arbiter.optimize.api.termination.MaxCandidatesCondition;
import org.deeplearning4j.arbiter.optimize.config.OptimizationConfiguration;
import org.deeplearning4j.arbiter.optimize.generator.RandomSearchGenerator;
import org.deeplearning4j.arbiter.optimize.runner.CandidateStatus;
import org.deeplearning4j.arbiter.optimize.runner.IOptimizationRunner;
import org.deeplearning4j.arbiter.optimize.runner.LocalOptimizationRunner;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Proves that Arbiter 1.0.0-beta7 (with its DL4J/ND4J dependencies excluded) runs a pruning sweep
 * against this project's DL4J: a two-candidate random search end to end. A DL4J bump that breaks
 * the combination fails here.
 */
class ArbiterCompatibilityTest {

    @Test
    void twoCandidateSweepRunsEndToEnd() throws Exception {
        double budget = 0.75;
        BudgetedAccuracyScoreFunction scoreFunction = new BudgetedAccuracyScoreFunction(budget);
        PruningSearchSpace space = new PruningSearchSpace(TestSpaces.tinyNetwork(), TestSpaces.quickPruning());
        Properties props = new Properties();
        props.setProperty("batch", "16");
        OptimizationConfiguration config = new OptimizationConfiguration.Builder()
                .candidateGenerator(new RandomSearchGenerator(space, null))
                .dataSource(TinyImageSource.class, props)
                .modelSaver(new InMemoryResultSaver())
                .scoreFunction(scoreFunction)
                .terminationConditions(new MaxCandidatesCondition(2))
                .rngSeed(42)
                .build();
        int ratioRequestsBefore = TinyImageSource.RATIO_REQUESTS.get();
        IOptimizationRunner runner = new LocalOptimizationRunner(config, new AutoPruneTaskCreator());
        SweepRecorder recorder = new SweepRecorder();
        runner.addListeners(recorder);
        runner.execute();

        assertEquals(2, runner.numCandidatesCompleted(), "completed candidates");
        assertEquals(0, runner.numCandidatesFailed(), "failed candidates");
        List<OptimizationResult> results = recorder.results();
        assertEquals(2, results.size());
        assertEquals(2, TinyImageSource.RATIO_REQUESTS.get() - ratioRequestsBefore, "ratio-step data asked once per task");
        PruningCandidate first = (PruningCandidate) results.get(0).getCandidate().getValue();
        PruningCandidate second = (PruningCandidate) results.get(1).getCandidate().getValue();
        assertNotEquals(first.settings(), second.settings(), "two random draws");

        for (OptimizationResult r : results) {
            assertEquals(CandidateStatus.Complete, r.getCandidateInfo().getCandidateStatus());
            PruningOutcome o = (PruningOutcome) r.getModelSpecificResults();
            assertNotNull(o, "every result records its PruningOutcome");
            assertEquals("DONE", o.phase());
            assertTrue(o.epochs() >= 1 && o.epochs() <= 2, "epochs " + o.epochs());
            assertTrue(o.hardFlopsFraction() > 0 && o.hardFlopsFraction() < 1,
                    "hard FLOPs fraction below 1 (initial ratios < 1): " + o.hardFlopsFraction());
            assertTrue(o.wallMillis() > 0);
            assertEquals(scoreFunction.score(o), r.getScore(), 0.0);
        }

        // The saved models are the pruned ones: hard masks, and re-measuring them reproduces the outcome.
        for (ResultReference ref : runner.getResults()) {
            MultiLayerNetwork net = (MultiLayerNetwork) ref.getResultModel();
            for (Layer l : net.getLayers()) {
                if (l instanceof MaskedLayer m) {
                    assertEquals(MaskMode.HARD, m.maskConfig().getMaskSettings().getMode());
                }
            }
            PruningOutcome saved = (PruningOutcome) ref.getResult().getModelSpecificResults();
            DataSetIterator test = (DataSetIterator) new TinyImageSource().testData();
            PruningOutcome again = HardMaskedEvaluation.measure(net, test, null);
            assertEquals(saved.accuracy(), again.accuracy(), 1e-9);
            assertEquals(saved.hardFlopsFraction(), again.hardFlopsFraction(), 1e-12);
            assertEquals(saved.keptChannels(), again.keptChannels());
        }

        SweepReport report = SweepReport.of(results, scoreFunction.minimize());
        assertTrue(report.best().isPresent());
        double bestScore = Math.max(results.get(0).getScore(), results.get(1).getScore());
        assertEquals(bestScore, report.best().get().score(), 0.0);
    }
}

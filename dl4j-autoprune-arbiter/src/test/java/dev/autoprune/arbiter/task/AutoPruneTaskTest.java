package dev.autoprune.arbiter.task;

import org.deeplearning4j.arbiter.optimize.api.Candidate;
import org.deeplearning4j.arbiter.optimize.api.OptimizationResult;
import org.deeplearning4j.arbiter.optimize.api.data.DataProvider;
import org.deeplearning4j.arbiter.optimize.runner.CandidateStatus;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A failing candidate becomes a FAILED result with its reason; an Error is not a candidate's failure. */
class AutoPruneTaskTest {

    /** Data that is never read: these candidates fail before training. */
    private static final DataProvider NO_DATA = new DataProvider() {
        @Override
        public Object trainData(Map<String, Object> dataParameters) {
            throw new AssertionError("not read");
        }

        @Override
        public Object testData(Map<String, Object> dataParameters) {
            throw new AssertionError("not read");
        }

        @Override
        public Class<?> getDataType() {
            return Object.class;
        }
    };

    private static AutoPruneTask task(Candidate<?> candidate) {
        return new AutoPruneTask(candidate, CandidateData.of(NO_DATA, Map.of()), null, List.of(), null, null);
    }

    @Test
    void aCandidateOfTheWrongTypeFailsWithTheFix() {
        OptimizationResult r = task(new Candidate<>("not a pruning candidate", 3, new double[0])).call();
        assertEquals(CandidateStatus.Failed, r.getCandidateInfo().getCandidateStatus());
        assertTrue(r.getCandidateInfo().getExceptionStackTrace().contains("PruningSearchSpace"),
                r.getCandidateInfo().getExceptionStackTrace());
    }

    @Test
    void aCandidateThatCannotBeDrawnFailsAndTheSearchGoesOn() {
        Candidate<Object> refused = new Candidate<>(() -> {
            throw new IllegalArgumentException("minChannels must be >= 1, found 0");
        }, 4, new double[0]);
        OptimizationResult r = task(refused).call();
        assertEquals(CandidateStatus.Failed, r.getCandidateInfo().getCandidateStatus());
        assertTrue(r.getCandidateInfo().getExceptionStackTrace().contains("minChannels"));
    }

    @Test
    void anErrorIsNotSwallowed() {
        OutOfMemoryError oom = new OutOfMemoryError("test");
        Candidate<Object> broken = new Candidate<>(() -> {
            throw oom;
        }, 5, new double[0]);
        assertSame(oom, assertThrows(OutOfMemoryError.class, () -> task(broken).call()));
    }
}

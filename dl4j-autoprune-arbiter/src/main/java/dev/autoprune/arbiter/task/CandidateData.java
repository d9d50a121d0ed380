package dev.autoprune.arbiter.task;

import dev.autoprune.arbiter.data.PruningDataSource;
import dev.autoprune.arbiter.impl.DataAccess;
import org.deeplearning4j.arbiter.optimize.api.data.DataProvider;
import org.deeplearning4j.arbiter.optimize.api.data.DataSource;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

import java.util.Map;
import java.util.Properties;

/**
 * The data of one candidate, from either of Arbiter's two data APIs, opened lazily inside the task
 * (so that each task gets its own iterators).
 */
abstract class CandidateData {

    /** Training data. */
    abstract DataSetIterator train();

    /** Data the candidate is scored on. */
    abstract DataSetIterator test();

    /** Held-out data for the ratio steps, or null for the training batches. */
    abstract DataSetIterator ratioSteps();

    /** Scores with a generic (non-pruning) score function. */
    abstract double score(org.deeplearning4j.arbiter.optimize.api.score.ScoreFunction f, Object model);

    static CandidateData of(Class<? extends DataSource> type, Properties properties) {
        return new CandidateData() {
            private DataSource ds;

            private DataSource ds() {
                if (ds == null) {
                    ds = DataAccess.instantiate(type, properties);
                }
                return ds;
            }

            @Override
            DataSetIterator train() {
                return DataAccess.iterator(ds().trainData(), "trainData");
            }

            @Override
            DataSetIterator test() {
                return DataAccess.iterator(ds().testData(), "testData");
            }

            @Override
            DataSetIterator ratioSteps() {
                if (ds() instanceof PruningDataSource p) {
                    Object d = p.ratioStepData();
                    return d == null ? null : DataAccess.iterator(d, "ratioStepData");
                }
                return null;
            }

            @Override
            double score(org.deeplearning4j.arbiter.optimize.api.score.ScoreFunction f, Object model) {
                return f.score(model, type, properties);
            }
        };
    }

    static CandidateData of(DataProvider provider, Map<String, Object> parameters) {
        if (provider == null) {
            throw new IllegalArgumentException("No data: give OptimizationConfiguration.Builder.dataSource(...) "
                    + "or dataProvider(...)");
        }
        return new CandidateData() {
            @Override
            DataSetIterator train() {
                return DataAccess.iterator(provider.trainData(parameters), "trainData");
            }

            @Override
            DataSetIterator test() {
                return DataAccess.iterator(provider.testData(parameters), "testData");
            }

            @Override
            DataSetIterator ratioSteps() {
                return null;
            }

            @Override
            double score(org.deeplearning4j.arbiter.optimize.api.score.ScoreFunction f, Object model) {
                return f.score(model, provider, parameters);
            }
        };
    }
}

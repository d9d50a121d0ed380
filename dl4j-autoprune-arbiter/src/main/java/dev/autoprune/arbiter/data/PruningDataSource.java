package dev.autoprune.arbiter.data;

import org.deeplearning4j.arbiter.optimize.api.data.DataSource;

/**
 * An Arbiter {@link DataSource} that can also hand the {@code AutoPruneListener} held-out data for
 * its ratio steps (the bi-level form of the search: weights learn from the training data, keep
 * ratios from data the weights do not see). Implement it with a public no-argument constructor, as
 * Arbiter instantiates data sources by class; a plain {@code DataSource} works too, and then the
 * ratio steps use the current training batch.
 *
 * <p>Keep the ratio-step data apart from {@link #testData()}, which scores the candidates: a search
 * tuned on the data it is scored on overstates its accuracy.
 */
public interface PruningDataSource extends DataSource {

    /**
     * Held-out data for the ratio steps: a {@code DataSetIterator}, or null to use the training batches.
     *
     * @return the iterator, or null
     */
    Object ratioStepData();
}

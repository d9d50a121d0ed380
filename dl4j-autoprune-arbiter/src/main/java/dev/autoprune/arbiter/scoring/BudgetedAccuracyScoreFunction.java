package dev.autoprune.arbiter.scoring;

import dev.autoprune.arbiter.impl.DataAccess;
import org.deeplearning4j.arbiter.optimize.api.data.DataProvider;
import org.deeplearning4j.arbiter.optimize.api.data.DataSource;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Scores a pruned candidate by the accuracy of its hard-masked network on the test data, subject to
 * a FLOPs budget (maximised). Within budget (hard FLOPs fraction &lt;= budget) the score is the
 * accuracy, in [0, 1]. Over budget it is {@code accuracy - 1 - (fraction - budget)}: below every
 * candidate within budget, and among the ones over it, the less over and more accurate rank higher.
 *
 * <p>Reference: B. Li, Y. Fan, Z. Pan, G. Zhang, "AutoPruning for Deep Neural Network with Dynamic
 * Channel Masking", arXiv:2010.12021 (2020): pruning to a FLOPs target while keeping accuracy.
 */
public final class BudgetedAccuracyScoreFunction implements PruningScoreFunction {

    private static final long serialVersionUID = 1L;

    private double flopsBudget;

    /** For Jackson. */
    private BudgetedAccuracyScoreFunction() {
    }

    /**
     * @param flopsBudget the largest acceptable FLOPs fraction of the unpruned network, in (0, 1]
     * @throws IllegalArgumentException if the budget is outside (0, 1]
     */
    public BudgetedAccuracyScoreFunction(double flopsBudget) {
        if (!(flopsBudget > 0 && flopsBudget <= 1)) {
            throw new IllegalArgumentException("BudgetedAccuracyScoreFunction: flopsBudget must be in (0, 1], found "
                    + flopsBudget);
        }
        this.flopsBudget = flopsBudget;
    }

    /** The FLOPs budget as a fraction of the unpruned network's FLOPs. */
    public double flopsBudget() {
        return flopsBudget;
    }

    /** Whether an outcome is within the budget. */
    public boolean withinBudget(PruningOutcome outcome) {
        return outcome.hardFlopsFraction() <= flopsBudget;
    }

    @Override
    public double score(PruningOutcome outcome) {
        double excess = outcome.hardFlopsFraction() - flopsBudget;
        return excess <= 0 ? outcome.accuracy() : outcome.accuracy() - 1 - excess;
    }

    @Override
    public double score(Object model, DataProvider dataProvider, Map<String, Object> dataParameters) {
        return score(measure(model, DataAccess.iterator(dataProvider.testData(dataParameters), "testData")));
    }

    @Override
    public double score(Object model, Class<? extends DataSource> dataSource, Properties dataSourceProperties) {
        DataSource ds = DataAccess.instantiate(dataSource, dataSourceProperties);
        return score(measure(model, DataAccess.iterator(ds.testData(), "testData")));
    }

    private static PruningOutcome measure(Object model, DataSetIterator test) {
        if (!(model instanceof MultiLayerNetwork net)) {
            throw new IllegalArgumentException("BudgetedAccuracyScoreFunction scores MultiLayerNetworks, found "
                    + (model == null ? "null" : model.getClass().getName()));
        }
        return HardMaskedEvaluation.measure(net, test, null);
    }

    @Override
    public boolean minimize() {
        return false;
    }

    @Override
    public List<Class<?>> getSupportedModelTypes() {
        return List.of(MultiLayerNetwork.class);
    }

    @Override
    public List<Class<?>> getSupportedDataTypes() {
        return List.of(DataSetIterator.class);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BudgetedAccuracyScoreFunction other && Double.compare(flopsBudget, other.flopsBudget) == 0;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(flopsBudget);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "BudgetedAccuracyScoreFunction(flopsBudget=%.3f)", flopsBudget);
    }
}

package dev.autoprune.cost;

import java.util.List;
import java.util.Map;

/**
 * The cost the listener prunes towards, as a fraction of the unpruned network's cost: a function of
 * the remaining ratio of each masked channel group, with its exact gradient. {@link FlopsCostModel}
 * (normalised FLOPs, the default) and {@link ParameterCostModel} (normalised parameter count) are the
 * built-in ones; a new cost (e.g. measured latency) implements this interface and is handed to
 * {@code AutoPruneListener.builder().costModel(...)}.
 *
 * <p>A cost model is built for one network and covers exactly that network's masked groups, keyed by
 * group id (the first mask layer's name, as in {@code ChannelGroups}). Ratio and kept-count maps may
 * omit groups (they count as fully kept) but must not name unknown groups. The penalty of B. Li et
 * al., "AutoPruning for Deep Neural Network with Dynamic Channel Masking" (arXiv:2010.12021, 2020)
 * acts on {@link #fraction}; implementations must be immutable.
 */
public interface CostModel {

    /** A short name for messages and logs, e.g. {@code FLOPs}. */
    String name();

    /** The masked groups' ids this model covers, in topological order. */
    List<String> groupIds();

    /** The cost with these remaining ratios over the full cost (missing group: ratio 1). */
    double fraction(Map<String, Double> ratioByGroup);

    /** {@code d fraction / d r_g} for every covered group (exact). */
    Map<String, Double> fractionGradient(Map<String, Double> ratioByGroup);

    /** The fraction with exactly these many channels kept per group (missing group: all kept). */
    double hardFraction(Map<String, Integer> keptByGroup);

    /** The fraction with every group at its minChannels: a target below this cannot be reached. */
    double minimumFraction();
}

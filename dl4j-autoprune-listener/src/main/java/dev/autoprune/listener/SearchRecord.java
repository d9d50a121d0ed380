package dev.autoprune.listener;

import java.util.Map;

/**
 * One point of the search history, taken after each ratio step: what a plot of the
 * remaining ratios and the cost fraction over the iterations needs. Serializable: checkpoints store the
 * history.
 *
 * @param iteration     the network's iteration count
 * @param phase         the phase at that moment
 * @param ratios        per group, the soft remaining ratio r
 * @param keptChannels  per group, the hard kept channel count
 * @param softFlops     the expected cost fraction under the soft ratios (of FLOPs unless the listener has
 *                      another {@code CostModel}; the name is kept for the plots that read it)
 * @param hardFlops     the cost fraction under the hard masks
 * @param penalty       lambda * P at the soft fraction
 * @param temperature   tau
 * @param taskLoss      the task loss of the ratio step's batch
 */
public record SearchRecord(long iteration, Phase phase, Map<String, Double> ratios, Map<String, Integer> keptChannels,
                           double softFlops, double hardFlops, double penalty, double temperature, double taskLoss)
        implements java.io.Serializable {

    /** Makes the maps unmodifiable, order-preserving copies. */
    public SearchRecord {
        ratios = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(ratios));
        keptChannels = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(keptChannels));
    }
}

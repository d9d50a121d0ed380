package dev.autoprune.listener;

/**
 * The phases {@link AutoPruneListener} moves through, in order (see {@code docs/METHOD.md},
 * "Alternating optimization").
 */
public enum Phase {
    /** Masks are IDENTITY; only the weights train. */
    WARMUP,
    /** SOFT masks; weight steps alternate with ratio steps under the FLOPs penalty; tau is annealed. */
    SEARCH,
    /** HARD masks with frozen ratios and scores; only the weights train. */
    FINE_TUNE,
    /** Pruning is finished: masks stay HARD and the listener does nothing more. Compact the network. */
    DONE
}

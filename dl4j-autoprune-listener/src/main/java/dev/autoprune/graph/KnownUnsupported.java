package dev.autoprune.graph;

import org.deeplearning4j.nn.conf.layers.LocalResponseNormalization;
import org.deeplearning4j.nn.conf.layers.SpaceToDepthLayer;

import java.util.Map;
import java.util.Optional;

/**
 * DL4J layer types that have no channel-pruning rule because their channels cannot be removed one by
 * one, with the reason the analysis reports for them (instead of the generic "no channel-pruning rule").
 * The channels that reach such a layer are kept; the analysis goes on past it.
 */
final class KnownUnsupported {

    private static final Map<Class<?>, String> REASONS = Map.of(
            LocalResponseNormalization.class, "normalises each channel over its neighbouring channels, so removing "
                    + "a channel would change the others",
            SpaceToDepthLayer.class, "moves each channel's pixels into several output channels, so its channels "
                    + "cannot be removed one by one");

    private KnownUnsupported() {
    }

    /** Why a type without a rule cannot be pruned through, when it is one of the known ones. */
    static Optional<String> reason(Class<?> type) {
        return Optional.ofNullable(REASONS.get(type));
    }
}

/**
 * Updaters for the pruning search's own parameters (ratio logits, channel scores), as ND4J
 * {@link org.nd4j.linalg.learning.config.IUpdater} configurations: {@link dev.autoprune.optimize.SharedAdam}
 * keeps the relative sizes of the coordinates' gradients.
 */
package dev.autoprune.optimize;

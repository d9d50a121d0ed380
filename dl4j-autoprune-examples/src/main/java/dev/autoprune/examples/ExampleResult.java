package dev.autoprune.examples;

import org.deeplearning4j.nn.api.Model;

/**
 * What an example ends with, for its caller (and its test): the compacted network and the numbers
 * that show what pruning did.
 *
 * @param compacted     the plain network with the pruned channels removed
 * @param flopsBefore   FLOPs per example of the full network
 * @param flopsAfter    FLOPs per example of the compacted network
 * @param accuracy      test accuracy of the compacted network
 */
public record ExampleResult(Model compacted, long flopsBefore, long flopsAfter, double accuracy) {

    /** FLOPs after over FLOPs before. */
    public double flopsFraction() {
        return flopsAfter / (double) flopsBefore;
    }
}

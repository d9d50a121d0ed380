package dev.autoprune.examples;

import dev.autoprune.flops.FlopsCounter;
import org.deeplearning4j.nn.api.Model;

/**
 * What an example ends with, for its caller (and its test): the compacted network and the numbers
 * that show what pruning did.
 *
 * @param compacted     the plain network with the pruned channels removed
 * @param flopsBefore   FLOPs per example of the full network
 * @param flopsAfter    FLOPs per example of the compacted network
 * @param paramsBefore  parameters of the full network (mask parameters not counted)
 * @param paramsAfter   parameters of the compacted network
 * @param accuracy      test accuracy of the compacted network
 * @param epochs        passes over the training data, all phases together (for a control trained as long)
 */
public record ExampleResult(Model compacted, long flopsBefore, long flopsAfter, long paramsBefore, long paramsAfter,
                            double accuracy, int epochs) {

    /**
     * The result of a compacted network from the counts of the full and the compacted network.
     *
     * @param compacted the plain network with the pruned channels removed
     * @param before    the FLOPs and parameters of the full network
     * @param after     the FLOPs and parameters of the compacted network
     * @param accuracy  test accuracy of the compacted network
     * @param epochs    passes over the training data, all phases together
     * @return the result
     */
    static ExampleResult of(Model compacted, FlopsCounter before, FlopsCounter after, double accuracy, int epochs) {
        return new ExampleResult(compacted, before.totalFlops(), after.totalFlops(), before.totalParams(),
                after.totalParams(), accuracy, epochs);
    }

    /** FLOPs after over FLOPs before. */
    public double flopsFraction() {
        return flopsAfter / (double) flopsBefore;
    }
}

package dev.autoprune.examples.cli;

import dev.autoprune.flops.FlopsCounter;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

import java.util.Map;

/**
 * What the before/after table shows of one plain network: test accuracy, FLOPs and parameters per
 * example (as {@link FlopsCounter} counts them), the width of each hidden layer, and the measured
 * inference latency.
 *
 * @param accuracy      test accuracy in [0, 1]
 * @param flops         FLOPs per example
 * @param params        parameters
 * @param widths        output channels (or units) per hidden convolution/dense layer
 * @param latencyMillis median milliseconds per inference batch, or NaN when not measured
 */
public record NetworkSummary(double accuracy, long flops, long params, Map<String, Long> widths,
                             double latencyMillis) {

    /** Copies the widths. */
    public NetworkSummary {
        widths = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(widths));
    }

    /**
     * Summarises a network without latency.
     *
     * @param net a plain (or compacted) network
     * @param test the test data
     * @param inputs the input types, or null to infer them
     * @return the summary, latency NaN
     */
    public static NetworkSummary of(Model net, DataSetIterator test, InputType[] inputs) {
        FlopsCounter counter = Networks.counter(net, inputs);
        return new NetworkSummary(Networks.accuracy(net, test), counter.totalFlops(), counter.totalParams(),
                Networks.widths(net), Double.NaN);
    }

    /** This summary with a latency. */
    public NetworkSummary withLatency(double millis) {
        return new NetworkSummary(accuracy, flops, params, widths, millis);
    }
}

package dev.autoprune.examples.cli;

import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;

/**
 * Measures inference latency of networks on one batch: a few warm-up calls, then timed calls of
 * {@code output()} taken in alternating rounds, so that both networks see the same machine load,
 * reported as the median milliseconds per batch.
 */
public final class InferenceLatency {

    private InferenceLatency() {
    }

    /**
     * Median latencies of several networks on the same batch.
     *
     * @param batch the input batch
     * @param warmup untimed calls per network first
     * @param rounds timed calls per network
     * @param nets the networks
     * @return the median milliseconds per batch, one per network, in order
     */
    public static double[] medianMillis(INDArray batch, int warmup, int rounds, Model... nets) {
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be >= 1, found " + rounds);
        }
        for (Model net : nets) {
            for (int i = 0; i < warmup; i++) {
                Networks.output(net, batch);
            }
        }
        double[][] times = new double[nets.length][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int n = 0; n < nets.length; n++) {
                long t = System.nanoTime();
                Networks.output(nets[n], batch);
                times[n][r] = (System.nanoTime() - t) / 1e6;
            }
        }
        double[] medians = new double[nets.length];
        for (int n = 0; n < nets.length; n++) {
            double[] t = times[n];
            Arrays.sort(t);
            medians[n] = t.length % 2 == 1 ? t[t.length / 2] : (t[t.length / 2 - 1] + t[t.length / 2]) / 2;
        }
        return medians;
    }
}

package dev.autoprune.bench;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Measured inference latency of a whole network: each layer's forward pass timed on its own on the
 * activations the layers before it produce (preprocessor included, median of {@code reps} after as many
 * warm-up runs, no workspaces), the quantity a {@code LatencyModel} predicts, and {@code output(x)} as
 * users call it.
 */
final class NetworkLatency {

    private final int reps;

    NetworkLatency(int reps) {
        this.reps = reps;
    }

    /** Median microseconds of each layer, by layer name, in order. */
    Map<String, Double> layerMicros(MultiLayerNetwork net, INDArray x) {
        List<INDArray> acts = net.feedForward(x, false);
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < net.getnLayers(); i++) {
            Layer layer = net.getLayer(i);
            InputPreProcessor pre = net.getLayerWiseConfigurations().getInputPreProcess(i);
            INDArray in = acts.get(i);
            long batch = x.size(0);
            out.put(layer.conf().getLayer().getLayerName(), medianMicros(() -> {
                LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
                return layer.activate(pre == null ? in : pre.preProcess(in, (int) batch, mgr), false, mgr);
            }));
        }
        return out;
    }

    /** Median microseconds of {@code output(x)}. */
    double wholeMicros(MultiLayerNetwork net, INDArray x) {
        return medianMicros(() -> net.output(x));
    }

    private double medianMicros(Supplier<INDArray> op) {
        for (int i = 0; i < reps; i++) {
            op.get();
        }
        double[] t = new double[reps];
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            op.get();
            t[i] = (System.nanoTime() - t0) / 1e3;
        }
        Arrays.sort(t);
        return t[reps / 2];
    }
}

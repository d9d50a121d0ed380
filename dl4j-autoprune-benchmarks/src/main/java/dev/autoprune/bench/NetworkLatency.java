package dev.autoprune.bench;

import dev.autoprune.cost.TimerClock;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.graph.vertex.VertexIndices;
import org.deeplearning4j.nn.graph.vertex.impl.LayerVertex;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Measured inference latency of a whole network: each layer's forward pass timed on its own on the
 * activations the layers before it produce (preprocessor included, median of {@code reps} after as many
 * warm-up runs, no workspaces; wall clock or thread CPU time, {@link TimerClock}), the quantity a {@code LatencyModel} predicts, and {@code output(x)} as
 * users call it. In a {@link ComputationGraph} every vertex is timed the same way, element-wise adds and
 * merges included (a {@code LatencyModel} leaves those out; see its {@code untimedVertices()}).
 */
final class NetworkLatency {

    private final int reps;
    private final TimerClock clock;

    NetworkLatency(int reps) {
        this(reps, TimerClock.WALL);
    }

    /** Times on {@code clock} ({@link TimerClock#THREAD_CPU}: one ND4J thread only). */
    NetworkLatency(int reps, TimerClock clock) {
        clock.checkUsable(Nd4j.getEnvironment().maxThreads());
        this.reps = reps;
        this.clock = clock;
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

    /** Median microseconds of each non-input vertex of a single-input graph, by vertex name, in topological order. */
    Map<String, Double> layerMicros(ComputationGraph net, INDArray x) {
        Map<String, INDArray> acts = net.feedForward(x, false);
        Map<String, Double> out = new LinkedHashMap<>();
        for (int index : net.topologicalSortOrder()) {
            GraphVertex v = net.getVertices()[index];
            if (v.isInputVertex()) {
                continue;
            }
            VertexIndices[] from = v.getInputVertices();
            INDArray[] in = new INDArray[from.length];
            for (int i = 0; i < from.length; i++) {
                GraphVertex source = net.getVertices()[from[i].getVertexIndex()];
                in[i] = source.isInputVertex() ? x : acts.get(source.getVertexName());
            }
            out.put(v.getVertexName(), medianMicros(() -> {
                LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
                v.setInputs(in);
                if (v instanceof LayerVertex layer) {
                    layer.applyPreprocessorAndSetInput(mgr); // a layer reads its input only once it is set on it
                }
                return v.doForward(false, mgr);
            }));
        }
        return out;
    }

    /** Median microseconds of {@code output(x)}. */
    double wholeMicros(MultiLayerNetwork net, INDArray x) {
        return medianMicros(() -> net.output(x));
    }

    /** Median microseconds of {@code output(x)} of a single-input, single-output graph. */
    double wholeMicros(ComputationGraph net, INDArray x) {
        return medianMicros(() -> net.outputSingle(x));
    }

    private double medianMicros(Supplier<INDArray> op) {
        for (int i = 0; i < reps; i++) {
            op.get();
        }
        double[] t = new double[reps];
        for (int i = 0; i < reps; i++) {
            long t0 = clock.nanos();
            op.get();
            t[i] = (clock.nanos() - t0) / 1e3;
        }
        Arrays.sort(t);
        return t[reps / 2];
    }
}

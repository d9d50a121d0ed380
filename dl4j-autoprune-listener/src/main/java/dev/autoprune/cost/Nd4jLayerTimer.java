package dev.autoprune.cost;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

/**
 * Times the real DL4J layer on the current ND4J backend: the layer alone in a one-layer network built
 * for the input type, its forward pass (preprocessor included, inference mode, no workspaces) on a
 * random batch, the median of {@code repetitions} runs after {@code warmUp} untimed ones, on the wall
 * clock or, on a machine shared with other work, the thread's CPU time ({@link TimerClock}). The median
 * resists the occasional slow run (garbage collection, another process). Immutable.
 */
public final class Nd4jLayerTimer implements LayerTimer {

    private final int warmUp;
    private final int repetitions;
    private final TimerClock clock;

    /**
     * Times on the wall clock.
     *
     * @param warmUp      untimed runs first, {@code >= 0}
     * @param repetitions timed runs, {@code >= 1}; the median is returned
     */
    public Nd4jLayerTimer(int warmUp, int repetitions) {
        this(warmUp, repetitions, TimerClock.WALL);
    }

    /**
     * @param warmUp      untimed runs first, {@code >= 0}
     * @param repetitions timed runs, {@code >= 1}; the median is returned
     * @param clock       the clock ({@link TimerClock#THREAD_CPU}: one ND4J thread only, checked when timing)
     */
    public Nd4jLayerTimer(int warmUp, int repetitions, TimerClock clock) {
        if (warmUp < 0) {
            throw new IllegalArgumentException("Nd4jLayerTimer: warmUp must be >= 0, found " + warmUp);
        }
        if (repetitions < 1) {
            throw new IllegalArgumentException("Nd4jLayerTimer: repetitions must be >= 1, found " + repetitions);
        }
        this.warmUp = warmUp;
        this.repetitions = repetitions;
        this.clock = java.util.Objects.requireNonNull(clock, "clock");
    }

    /** Two warm-up runs and the median of five. */
    public static Nd4jLayerTimer standard() {
        return new Nd4jLayerTimer(2, 5);
    }

    @Override
    public double seconds(org.deeplearning4j.nn.conf.layers.Layer layer, InputType input, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("Nd4jLayerTimer: batchSize must be >= 1, found " + batchSize);
        }
        clock.checkUsable(threads());
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(12345).list()
                .layer(layer.clone()).setInputType(input).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        Layer l = net.getLayer(0);
        InputPreProcessor pre = conf.getInputPreProcess(0);
        long[] shape = input.getShape(true);
        shape[0] = batchSize;
        INDArray x = Nd4j.rand(DataType.FLOAT, shape);
        double[] t = new double[repetitions];
        for (int i = 0; i < warmUp + repetitions; i++) {
            long t0 = clock.nanos();
            LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
            INDArray in = pre == null ? x : pre.preProcess(x, batchSize, mgr);
            l.activate(in, false, mgr);
            if (i >= warmUp) {
                t[i - warmUp] = (clock.nanos() - t0) / 1e9;
            }
        }
        Arrays.sort(t);
        return t[repetitions / 2];
    }

    /** The backend, and the clock when it is not the wall clock (so caches of the two clocks never mix). */
    @Override
    public String backend() {
        String b = LayerTimer.super.backend();
        return clock == TimerClock.WALL ? b : b + "/" + clock.label();
    }

    @Override
    public String toString() {
        return "Nd4jLayerTimer{warmUp=" + warmUp + ", repetitions=" + repetitions + ", clock=" + clock.label() + "}";
    }
}

package dev.autoprune.bench;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * Inference latency ({@code output(x)}) of the original network against compacted versions of it at
 * several FLOPs fractions, at batch 1 and batch 64. The compacted networks come from uniform L1
 * pruning (the architecture, not the weights, sets the speed).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class InferenceBenchmark {

    /** The network. */
    @Param({"LENET", "VGG_BN"})
    public String net;

    /** 1.0 is the original network; below 1 the target FLOPs fraction of the compacted one. */
    @Param({"1.0", "0.5", "0.3", "0.1"})
    public double flops;

    /** Batch size. */
    @Param({"1", "64"})
    public int batch;

    private MultiLayerNetwork network;
    private INDArray input;

    /** Builds (and compacts) the network. */
    @Setup
    public void setUp() {
        MultiLayerNetwork original = new MultiLayerNetwork(BenchNets.Net.valueOf(net).conf(42, 1e-3));
        original.init();
        network = flops >= 1.0 ? original : UniformL1Pruning.prune(BenchModel.of(original), flops).network().multiLayer();
        input = TrainingStepBenchmark.randomBatch(batch, 3).getFeatures();
    }

    /** One forward pass. */
    @Benchmark
    public INDArray output() {
        return network.output(input);
    }
}

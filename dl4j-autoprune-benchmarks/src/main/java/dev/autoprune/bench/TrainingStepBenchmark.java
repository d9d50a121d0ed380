package dev.autoprune.bench;

import dev.autoprune.AutoPrune;
import dev.autoprune.layers.MaskMode;
import dev.autoprune.layers.MaskedLayer;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * One training iteration (forward, backward, Adam update) on a batch of 64 28x28 images: the plain
 * network against the same network made prunable, with its masks in SOFT mode (what a weight step
 * costs during the search) and in HARD mode (fine-tuning). Same batch, same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class TrainingStepBenchmark {

    /** The network. */
    @Param({"LENET", "VGG_BN"})
    public String net;

    /** plain, masked-soft or masked-hard. */
    @Param({"plain", "masked-soft", "masked-hard"})
    public String variant;

    private MultiLayerNetwork network;
    private DataSet batch;

    /** Builds the network and a fixed random batch. */
    @Setup
    public void setUp() {
        MultiLayerNetwork plain = new MultiLayerNetwork(BenchNets.Net.valueOf(net).conf(42, 1e-3));
        plain.init();
        network = variant.equals("plain") ? plain : AutoPrune.prunable(plain);
        if (!variant.equals("plain")) {
            Random r = new Random(1);
            for (Layer l : network.getLayers()) {
                if (l instanceof MaskedLayer m) {
                    double[] s = new double[m.channels()];
                    for (int i = 0; i < s.length; i++) {
                        s[i] = r.nextGaussian();
                    }
                    m.setScores(s);
                    m.setTheta(0.0);
                    m.maskConfig().getMaskSettings().setMode(variant.equals("masked-soft") ? MaskMode.SOFT : MaskMode.HARD);
                }
            }
        }
        batch = randomBatch(64, 7);
    }

    static DataSet randomBatch(int n, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.rand(DataType.FLOAT, n, 1, 28, 28);
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, 10);
        for (int i = 0; i < n; i++) {
            y.putScalar(i, i % 10, 1);
        }
        return new DataSet(x, y);
    }

    /** One iteration. */
    @Benchmark
    public double trainingIteration() {
        network.fit(batch);
        return network.score();
    }
}

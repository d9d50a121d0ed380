package dev.autoprune.layers;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** DL4J gradient checks (double precision) in SOFT mode for every parameter, including theta and scores. */
@org.junit.jupiter.api.extension.ExtendWith(DoublePrecision.class)
class GradientCheckTest {

    static boolean check(MultiLayerNetwork net, long[] inShape, int classes) {
        Nd4j.getRandom().setSeed(12345);
        INDArray in = Nd4j.rand(DataType.DOUBLE, inShape).subi(0.5);
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, inShape[0], classes);
        for (int i = 0; i < inShape[0]; i++) {
            labels.putScalar(i, i % classes, 1.0);
        }
        return GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net).input(in).labels(labels)
                .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-8)
                // BatchNormalization's running statistics are not trained by gradient descent.
                .excludeParams(java.util.Set.of("1_mean", "1_var", "1_log10stdev"))
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY));
    }

    /** Spread the scores so the soft mask is not uniform (a uniform mask hides score-gradient errors). */
    static void randomScores(MultiLayerNetwork net, long seed) {
        Random r = new Random(seed);
        for (org.deeplearning4j.nn.api.Layer l : net.getLayers()) {
            if (l instanceof MaskedLayer m) {
                double[] s = new double[m.channels()];
                for (int i = 0; i < s.length; i++) {
                    s[i] = r.nextGaussian();
                }
                m.setScores(s);
            }
        }
    }

    private static void assertPasses(MultiLayerConfiguration conf, long[] shape) {
        MultiLayerNetwork net = TestNets.init(conf);
        randomScores(net, 3);
        assertTrue(check(net, shape, 3), "gradient check failed");
    }

    @Test
    void convThenMask() {
        assertPasses(TestNets.convMask(DataType.DOUBLE, TestNets.noOp(), MaskMode.SOFT), new long[] {3, 2, 6, 6});
    }

    @Test
    void convBatchNormActivationThenMask() {
        assertPasses(TestNets.convBnMask(DataType.DOUBLE, TestNets.noOp(), MaskMode.SOFT), new long[] {4, 2, 6, 6});
    }

    @Test
    void denseThenMask() {
        assertPasses(TestNets.denseMask(DataType.DOUBLE, TestNets.noOp(), MaskMode.SOFT), new long[] {4, 5});
    }

    @Test
    void maskedConvolution() {
        assertPasses(TestNets.maskedConv(DataType.DOUBLE, TestNets.noOp(), MaskMode.SOFT), new long[] {3, 2, 6, 6});
    }
}

package dev.autoprune.layers;

import dev.autoprune.layers.impl.ChannelMask;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Forward behaviour of the three modes and the read-outs the listener and removal step use. */
class MaskLayerBehaviourTest {

    private static MaskedLayer mask(MultiLayerNetwork net, int index) {
        return (MaskedLayer) net.getLayer(index);
    }

    private static INDArray input(long... shape) {
        Nd4j.getRandom().setSeed(5);
        return Nd4j.rand(DataType.FLOAT, shape).subi(0.5);
    }

    @Test
    void identityPassesInputThroughBitExactly() {
        MultiLayerNetwork net = TestNets.init(TestNets.convMask(DataType.FLOAT, new Adam(1e-3), MaskMode.IDENTITY));
        INDArray x = input(3, 2, 6, 6);
        List<INDArray> acts = net.feedForward(x, false);
        // acts.get(0) is the input, get(1) the conv output, get(2) the mask output
        assertEquals(acts.get(1), acts.get(2));
        assertArrayEquals(acts.get(1).dup('c').data().asFloat(), acts.get(2).dup('c').data().asFloat());
    }

    @Test
    void maskedConvolutionIdentityEqualsPlainConvolution() {
        MultiLayerNetwork masked = TestNets.init(TestNets.maskedConv(DataType.FLOAT, new Adam(1e-3), MaskMode.IDENTITY));
        MultiLayerConfiguration plainConf = new NeuralNetConfiguration.Builder().seed(99).dataType(DataType.FLOAT)
                .list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(5).activation(Activation.TANH).build())
                .layer(new ConvolutionLayer.Builder(2, 2).nOut(3).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(6, 6, 2)).build();
        MultiLayerNetwork plain = TestNets.init(plainConf);
        // Copy parameters: masked conv = [b, W, theta, scores]; plain conv = [b, W]
        for (int i = 0; i < 3; i++) {
            for (String key : plain.getLayer(i).paramTable().keySet()) {
                plain.getLayer(i).setParam(key, masked.getLayer(i).getParam(key).dup());
            }
        }
        INDArray x = input(4, 2, 6, 6);
        assertArrayEquals(plain.output(x).dup('c').data().asFloat(), masked.output(x).dup('c').data().asFloat());
    }

    @Test
    void hardKeepsExactlyRoundKChannelsTiesByLowerIndex() {
        MultiLayerNetwork net = TestNets.init(TestNets.convMask(DataType.FLOAT, new Adam(1e-3), MaskMode.HARD));
        MaskedLayer m = mask(net, 1);
        m.setScores(new double[] {0.2, 0.9, 0.2, 0.2});
        m.setTheta(ChannelMask.thetaForRatio(0.5, 4, 1)); // k = 2
        assertEquals(2.0, m.keptCount(), 1e-6);
        assertEquals(2, m.hardKeptCount());
        assertArrayEquals(new int[] {0, 1}, m.hardKeptIndices());
        assertArrayEquals(new double[] {1, 1, 0, 0}, m.maskValues());

        INDArray x = input(2, 2, 6, 6);
        List<INDArray> acts = net.feedForward(x, false);
        INDArray before = acts.get(1);
        INDArray after = acts.get(2);
        for (int c = 0; c < 4; c++) {
            INDArray inC = before.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.point(c));
            INDArray outC = after.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.point(c));
            if (c < 2) {
                assertEquals(inC, outC);
            } else {
                assertEquals(0.0, outC.amaxNumber().doubleValue(), 0.0);
            }
        }
    }

    @Test
    void hardCountRoundsToChannelMultipleWithinBounds() {
        MaskSettings s = new MaskSettings();
        s.setChannelMultiple(8);
        s.setMinChannels(8);
        assertEquals(16, ChannelMask.hardCount(13.0, 32, s));
        assertEquals(8, ChannelMask.hardCount(2.0, 32, s));
        assertEquals(32, ChannelMask.hardCount(31.9, 32, s));
        s.setChannelMultiple(1);
        s.setMinChannels(1);
        assertEquals(3, ChannelMask.hardCount(2.5, 8, s)); // round half up
        assertEquals(1, ChannelMask.hardCount(0.2, 8, s));
    }

    @Test
    void ratioAndKeptCountFollowTheta() {
        MultiLayerNetwork net = TestNets.init(TestNets.denseMask(DataType.FLOAT, new Adam(1e-3), MaskMode.SOFT));
        MaskedLayer m = mask(net, 1); // C = 6, minChannels = 2, initialRatio 0.5
        assertEquals(6, m.channels());
        assertEquals(0.5, m.ratio(), 1e-6);
        assertEquals(3.0, m.keptCount(), 1e-5);
        m.setTheta(-50);
        assertEquals(2.0 / 6, m.ratio(), 1e-9); // r_min = minChannels / C
        m.setTheta(50);
        assertEquals(1.0, m.ratio(), 1e-9);
        assertEquals(6, m.maskValues().length);
        assertEquals(6.0, Arrays.stream(m.maskValues()).sum(), 1e-6);
    }

    @Test
    void softMaskValuesSumToKeptCount() {
        MultiLayerNetwork net = TestNets.init(TestNets.maskedConv(DataType.FLOAT, new Adam(1e-3), MaskMode.SOFT));
        MaskedLayer m = mask(net, 0);
        m.setScores(new double[] {1, -1, 0.5, 2, 0});
        assertEquals(m.keptCount(), Arrays.stream(m.maskValues()).sum(), 1e-6);
    }

    @Test
    void settersWriteIntoTheNetworkParameterVector() {
        MultiLayerNetwork net = TestNets.init(TestNets.convMask(DataType.FLOAT, new Adam(1e-3), MaskMode.SOFT));
        INDArray before = net.params().dup();
        MaskedLayer m = mask(net, 1);
        m.setScores(new double[] {4, 3, 2, 1});
        m.setTheta(1.25);
        INDArray after = net.params();
        assertNotEquals(before, after);
        Layer l = net.getLayer(1);
        assertEquals(1.25, l.getParam("theta").getDouble(0), 1e-6);
        assertArrayEquals(new double[] {4, 3, 2, 1}, l.getParam("scores").toDoubleVector(), 1e-6);
    }

    @Test
    void maskAfterBatchNormSilencesTheChannelDownstream() {
        // conv -> BN -> tanh -> mask(HARD): a dropped channel must be exactly 0 at the mask output,
        // whatever BN does, and must not influence the network output.
        MultiLayerNetwork net = TestNets.init(TestNets.convBnMask(DataType.FLOAT, new Adam(1e-3), MaskMode.HARD));
        MaskedLayer m = mask(net, 3);
        m.setScores(new double[] {3, 2, 1, 0}); // k = 2 -> keep channels 0 and 1
        INDArray x = input(3, 2, 6, 6);
        INDArray out1 = net.output(x);
        // Perturb the BN shift of a dropped channel: the output must not change.
        INDArray beta = net.getLayer(1).getParam("beta");
        beta.putScalar(3, beta.getDouble(3) + 5.0);
        INDArray out2 = net.output(x);
        assertArrayEquals(out1.dup('c').data().asFloat(), out2.dup('c').data().asFloat());
        // ...while perturbing a kept channel does change it.
        beta.putScalar(0, beta.getDouble(0) + 5.0);
        assertTrue(out1.sub(net.output(x)).amaxNumber().doubleValue() > 1e-4);
    }
}

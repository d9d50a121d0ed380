package dev.autoprune.layers;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kept set is dynamic: when the scores learn, channels enter and leave it. Here only features
 * 4 and 5 carry the label, but they start with the lowest scores; alternating weight steps (plain
 * fit) and score steps (gradient of the soft mask) moves them into the kept set.
 */
class DynamicMembershipTest {

    @Test
    void keptSetChangesDuringTraining() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3)
                .dataType(DataType.FLOAT).updater(new Adam(0.05)).list()
                .layer(new ChannelMaskLayer.Builder().name("mask").maskMode(MaskMode.SOFT).initialRatio(2.0 / 6)
                        .temperature(0.5).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(6)).build());
        net.init();
        MaskedLayer mask = (MaskedLayer) net.getLayer(0);
        mask.setScores(new double[] {1.0, 0.9, 0.8, 0.7, -0.5, -0.6});
        assertArrayEquals(new int[] {0, 1}, mask.hardKeptIndices());

        Nd4j.getRandom().setSeed(7);
        INDArray x = Nd4j.randn(DataType.FLOAT, 256, 6);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 256, 2);
        for (int i = 0; i < 256; i++) {
            y.putScalar(i, x.getDouble(i, 4) + x.getDouble(i, 5) > 0 ? 1 : 0, 1.0);
        }
        DataSet ds = new DataSet(x, y);

        int changes = 0;
        int[] kept = mask.hardKeptIndices();
        MaskSettings settings = mask.maskConfig().getMaskSettings();
        for (int iter = 0; iter < 200; iter++) {
            settings.setLearnable(false);
            net.fit(ds); // weight step: mask parameters bit-for-bit frozen
            settings.setLearnable(true);
            net.setInput(x);
            net.setLabels(y);
            net.computeGradientAndScore();
            double[] g = net.getLayer(0).getGradientsViewArray().toDoubleVector();
            double[] s = mask.scores();
            for (int i = 0; i < s.length; i++) {
                s[i] -= 0.5 * g[1 + i] / 256; // score step, plain SGD on the mean loss
            }
            mask.setScores(s);
            int[] now = mask.hardKeptIndices();
            if (!Arrays.equals(now, kept)) {
                changes++;
                kept = now;
            }
        }
        assertTrue(changes > 0, "kept set never changed");
        assertArrayEquals(new int[] {4, 5}, kept, "the informative features should end up kept");
    }
}

package dev.autoprune.layers;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

import java.io.File;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** JSON and ModelSerializer round trips, including the run-time mask state. */
class SerializationTest {

    @Test
    void jsonRoundTripKeepsEveryMaskSetting() {
        for (MultiLayerConfiguration conf : new MultiLayerConfiguration[] {
            TestNets.convMask(DataType.FLOAT, new Adam(1e-3), MaskMode.SOFT),
            TestNets.maskedConv(DataType.FLOAT, new Adam(1e-3), MaskMode.HARD),
            TestNets.denseMask(DataType.FLOAT, new Adam(1e-3), MaskMode.IDENTITY)}) {
            String json = conf.toJson();
            MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(json);
            assertEquals(conf, back);
            assertEquals(json, back.toJson());
        }
    }

    @Test
    void runTimeChangesReachTheSavedJson() {
        MultiLayerNetwork net = TestNets.init(TestNets.convMask(DataType.FLOAT, new Adam(1e-3), MaskMode.IDENTITY));
        MaskSettings s = ((MaskedLayer) net.getLayer(1)).maskConfig().getMaskSettings();
        s.setMode(MaskMode.SOFT);
        s.setTemperature(0.123456789);
        s.setLearnable(false);
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(net.getLayerWiseConfigurations().toJson());
        MaskSettings restored = ((MaskableLayerConfig) back.getConf(1).getLayer()).getMaskSettings();
        assertEquals(MaskMode.SOFT, restored.getMode());
        assertEquals(0.123456789, restored.getTemperature());
        assertEquals(false, restored.isLearnable());
    }

    private static DataSet data(long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.rand(DataType.FLOAT, 8, 2, 6, 6);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 8, 3);
        for (int i = 0; i < 8; i++) {
            y.putScalar(i, i % 3, 1);
        }
        return new DataSet(x, y);
    }

    @Test
    void modelSerializerRoundTripIsBitExactAndTrainingContinues(@TempDir File dir) throws Exception {
        MultiLayerNetwork net = TestNets.init(TestNets.maskedConv(DataType.FLOAT, new Adam(1e-2), MaskMode.SOFT));
        MaskedLayer m = (MaskedLayer) net.getLayer(0);
        m.setScores(new double[] {0.3, -1, 2, 0.1, 0.7});
        m.maskConfig().getMaskSettings().setTemperature(0.37);
        DataSet ds = data(1);
        for (int i = 0; i < 3; i++) {
            net.fit(ds);
        }
        File f = new File(dir, "net.zip");
        ModelSerializer.writeModel(net, f, true);
        MultiLayerNetwork back = ModelSerializer.restoreMultiLayerNetwork(f, true);

        assertArrayEquals(net.params().data().asFloat(), back.params().data().asFloat());
        assertArrayEquals(net.getUpdater().getStateViewArray().data().asFloat(),
                back.getUpdater().getStateViewArray().data().asFloat());
        MaskSettings restored = ((MaskedLayer) back.getLayer(0)).maskConfig().getMaskSettings();
        assertEquals(MaskMode.SOFT, restored.getMode());
        assertEquals(0.37, restored.getTemperature());
        INDArray x = data(2).getFeatures();
        assertArrayEquals(net.output(x).data().asFloat(), back.output(x).data().asFloat());

        // Training continues identically from the restored copy.
        INDArray p0 = back.params().dup();
        net.fit(ds);
        back.fit(ds);
        assertNotEquals(p0, back.params());
        assertArrayEquals(net.params().data().asFloat(), back.params().data().asFloat());
        assertTrue(Double.isFinite(back.score()));
    }

    @Test
    void plainFitNeverMovesMaskParametersUnlessLearnable() {
        // Mask parameters have a NoOp updater and zero gradients while not learnable, so Adam's
        // momentum cannot move them: they stay bit-for-bit unchanged.
        MultiLayerNetwork net = TestNets.init(TestNets.maskedConv(DataType.FLOAT, new Adam(1e-2), MaskMode.SOFT));
        MaskedLayer m = (MaskedLayer) net.getLayer(0);
        m.maskConfig().getMaskSettings().setLearnable(false);
        m.setScores(new double[] {0.3, -1, 2, 0.1, 0.7});
        double theta = m.theta();
        double[] scores = m.scores();
        INDArray w = net.getLayer(0).getParam("W").dup();
        for (int i = 0; i < 5; i++) {
            net.fit(data(i));
        }
        assertEquals(theta, m.theta(), 0.0);
        assertArrayEquals(scores, m.scores(), 0.0);
        assertNotEquals(w, net.getLayer(0).getParam("W"));
    }
}

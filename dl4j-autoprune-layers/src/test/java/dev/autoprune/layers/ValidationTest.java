package dev.autoprune.layers;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input gets an exception that names the layer and the bad value. */
class ValidationTest {

    private static void assertMessage(Class<? extends Throwable> type, Executable e, String... parts) {
        Throwable t = assertThrows(type, e);
        for (String p : parts) {
            assertTrue(t.getMessage().contains(p), () -> "message '" + t.getMessage() + "' lacks '" + p + "'");
        }
    }

    @Test
    void nOutMustBePositive() {
        assertMessage(IllegalArgumentException.class,
                () -> new MaskedConvolutionLayer.Builder(3, 3).name("c1").nOut(0).build(), "c1", "nOut", "0");
    }

    @Test
    void minChannelsMustNotExceedChannels() {
        assertMessage(IllegalArgumentException.class,
                () -> new MaskedConvolutionLayer.Builder(3, 3).name("c2").nOut(4).minChannels(5).build(),
                "c2", "minChannels", "5", "4");
        assertMessage(IllegalArgumentException.class,
                () -> new ChannelMaskLayer.Builder().name("m1").channels(3).minChannels(4).build(), "m1", "4");
        assertMessage(IllegalArgumentException.class,
                () -> new ChannelMaskLayer.Builder().name("m0").minChannels(0).build(), "m0", "minChannels", "0");
        // Inferred channel count: checked when the input type is known.
        assertMessage(IllegalArgumentException.class, () -> new NeuralNetConfiguration.Builder().list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(2).build())
                .layer(new ChannelMaskLayer.Builder().name("m2").minChannels(3).build())
                .layer(new OutputLayer.Builder().nOut(2).build())
                .setInputType(InputType.convolutional(6, 6, 1)).build(), "m2", "minChannels (3)", "(2)");
    }

    @Test
    void initialRatioMustBeInZeroOne() {
        for (double bad : new double[] {0.0, -0.1, 1.5, Double.NaN}) {
            assertMessage(IllegalArgumentException.class,
                    () -> new ChannelMaskLayer.Builder().name("m3").initialRatio(bad).build(), "m3", "initialRatio",
                    String.valueOf(bad));
        }
    }

    @Test
    void temperatureMustBePositive() {
        for (double bad : new double[] {0.0, -1.0, Double.POSITIVE_INFINITY}) {
            assertMessage(IllegalArgumentException.class,
                    () -> new MaskedConvolutionLayer.Builder(3, 3).name("c4").nOut(4).temperature(bad).build(),
                    "c4", "temperature", String.valueOf(bad));
        }
        assertThrows(IllegalArgumentException.class, () -> new MaskSettings().setTemperature(0));
    }

    @Test
    void mismatchedInputChannelsAreRefusedAtRunTime() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
                .layer(new ChannelMaskLayer.Builder().name("m5").channels(4).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(4).nOut(4)
                        .activation(Activation.IDENTITY).build()).build());
        net.init();
        assertMessage(IllegalStateException.class, () -> net.output(Nd4j.rand(DataType.FLOAT, 2, 5)), "m5", "4", "5");
    }

    @Test
    void threeDimensionalInputIsRefused() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
                .layer(new ChannelMaskLayer.Builder().name("m6").channels(4).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(4).nOut(4)
                        .activation(Activation.IDENTITY).build()).build());
        net.init();
        assertMessage(IllegalStateException.class, () -> net.getLayer(0).activate(Nd4j.rand(DataType.FLOAT, 2, 4, 3),
                false, org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces()), "m6", "rank 3");
        assertMessage(IllegalStateException.class, () -> new NeuralNetConfiguration.Builder().list()
                .layer(new ChannelMaskLayer.Builder().name("m7").build())
                .layer(new OutputLayer.Builder().nOut(2).build())
                .setInputType(InputType.recurrent(4, 5)).build(), "m7");
    }

    @Test
    void nhwcMasksActOnTheLastAxis() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
                .layer(new MaskedConvolutionLayer.Builder(3, 3).name("c8").nOut(4).maskMode(MaskMode.HARD).build())
                .layer(new ChannelMaskLayer.Builder().name("m9").maskMode(MaskMode.HARD).build())
                .layer(new OutputLayer.Builder().nOut(2).build())
                .setInputType(InputType.convolutional(6, 6, 1, CNN2DFormat.NHWC)).build());
        net.init();
        assertEquals(CNN2DFormat.NHWC, ((ChannelMaskLayer) net.getLayer(1).conf().getLayer()).dataFormat());
        for (int i = 0; i < 2; i++) {
            ((MaskedLayer) net.getLayer(i)).setTheta(-50); // keeps minChannels = 1 channel
        }
        java.util.List<org.nd4j.linalg.api.ndarray.INDArray> acts = net.feedForward(Nd4j.rand(DataType.FLOAT, 2, 6, 6, 1));
        for (int i = 1; i <= 2; i++) {
            org.nd4j.linalg.api.ndarray.INDArray a = acts.get(i);
            assertEquals(4, a.size(3), "NHWC: channels last");
            double[] perChannel = org.nd4j.linalg.ops.transforms.Transforms.abs(a, true).sum(0, 1, 2).toDoubleVector();
            assertEquals(3, java.util.Arrays.stream(perChannel).filter(v -> v == 0).count(),
                    java.util.Arrays.toString(perChannel));
        }
    }

    @Test
    void settersValidate() {
        MaskSettings s = new MaskSettings();
        assertThrows(IllegalArgumentException.class, () -> s.setMinChannels(0));
        assertThrows(IllegalArgumentException.class, () -> s.setChannelMultiple(0));
        assertThrows(IllegalArgumentException.class, () -> s.setInitialRatio(0));
        assertThrows(NullPointerException.class, () -> s.setMode(null));
        MultiLayerNetwork net = TestNets.init(TestNets.denseMask(DataType.FLOAT, new Adam(1e-3), MaskMode.SOFT));
        MaskedLayer m = (MaskedLayer) net.getLayer(1);
        assertMessage(IllegalArgumentException.class, () -> m.setScores(new double[3]), "mask", "6", "3");
        assertMessage(IllegalArgumentException.class, () -> m.setTheta(Double.NaN), "mask", "theta");
    }
}

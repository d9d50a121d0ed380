package dev.autoprune.listener;

import dev.autoprune.layers.ChannelMaskLayer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every builder value is validated; impossible set-ups are refused before training starts. */
class AutoPruneListenerValidationTest {

    private static void assertMessage(Class<? extends Throwable> type, Executable e, String... parts) {
        Throwable t = assertThrows(type, e);
        for (String p : parts) {
            assertTrue(t.getMessage().contains(p), () -> "message '" + t.getMessage() + "' lacks '" + p + "'");
        }
    }

    @Test
    void builderRejectsBadValues() {
        assertMessage(IllegalArgumentException.class, () -> AutoPruneListener.builder().targetFlops(0).build(),
                "target", "(0, 1)", "0.0");
        assertMessage(IllegalArgumentException.class, () -> AutoPruneListener.builder().targetFlops(1.0).build(),
                "target", "1.0");
        assertMessage(IllegalArgumentException.class, () -> AutoPruneListener.builder().lambda(-1).build(), "lambda");
        assertMessage(IllegalArgumentException.class, () -> AutoPruneListener.builder().schedule(0, 1).build(),
                "weightSteps");
        assertMessage(IllegalArgumentException.class, () -> AutoPruneListener.builder().schedule(1, 0).build(),
                "ratioSteps");
        assertMessage(IllegalArgumentException.class, () -> AutoPruneListener.builder().maxSearchEpochs(0).build(),
                "maxSearchEpochs");
        assertMessage(IllegalArgumentException.class, () -> AutoPruneListener.builder().fineTuneEpochs(-1).build(),
                "fineTuneEpochs");
        assertMessage(IllegalArgumentException.class, () -> AutoPruneListener.builder().temperature(0.1, 1.0).build(),
                "temperatureEnd");
        assertMessage(IllegalArgumentException.class, () -> AutoPruneListener.builder().temperature(0, 0).build(),
                "temperatureStart");
        assertMessage(IllegalArgumentException.class, () -> AutoPruneListener.builder().tolerance(0).build(),
                "tolerance");
        assertMessage(IllegalArgumentException.class, () -> AutoPruneListener.builder().patience(0).build(),
                "patience");
        assertMessage(IllegalArgumentException.class, () -> AutoPruneListener.builder().warmupEpochs(-2).build(),
                "warmupEpochs");
        assertThrows(NullPointerException.class, () -> AutoPruneListener.builder().ratioUpdater(null).build());
    }

    @Test
    void networkWithoutMasksIsRefused() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(4)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(ListenerTestData.SIZE, ListenerTestData.SIZE, 1)).build());
        net.init();
        net.setListeners(AutoPruneListener.builder().build());
        assertMessage(IllegalStateException.class, () -> net.fit(ListenerTestData.iterator(32, 32, 1)),
                "no channel masks", "AutoPrune.prunable");
    }

    @Test
    void targetBelowWhatMinChannelsAllowsIsRefusedBeforeTraining() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
                .layer(new ConvolutionLayer.Builder(3, 3).name("conv").nOut(8).activation(Activation.RELU).build())
                .layer(new ChannelMaskLayer.Builder().name("mask").minChannels(6).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(4)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(ListenerTestData.SIZE, ListenerTestData.SIZE, 1)).build());
        net.init();
        INDArray before = net.params().dup();
        net.setListeners(AutoPruneListener.builder().targetFlops(0.1).build());
        assertMessage(IllegalStateException.class, () -> net.fit(ListenerTestData.iterator(32, 32, 1)),
                "target FLOPs fraction 0.1000", "minChannels");
        assertEquals(before, net.params(), "the refused run must not have trained");
    }

    @Test
    void nanStopsTrainingNamingTheGroup() {
        MultiLayerNetwork net = ListenerTestData.cnnNet(3);
        net.setListeners(AutoPruneListener.builder().warmupEpochs(0).build());
        DataSet bad = ListenerTestData.images(32, 1);
        bad.getFeatures().putScalar(0, Double.NaN);
        assertMessage(IllegalStateException.class,
                () -> net.fit(new org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator<>(bad.asList(), 32)),
                "group 'mask1'", "NaN");
    }
}

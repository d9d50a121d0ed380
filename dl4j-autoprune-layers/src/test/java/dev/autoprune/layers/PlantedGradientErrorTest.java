package dev.autoprune.layers;

import dev.autoprune.layers.impl.ChannelMaskLayerImpl;
import dev.autoprune.layers.impl.MaskParams;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.Collection;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Proves the gradient checks are real: the same network passes with the true layer and fails with a
 * test double whose score gradient is off by 1%.
 */
@org.junit.jupiter.api.extension.ExtendWith(DoublePrecision.class)
class PlantedGradientErrorTest {

    /** A ChannelMaskLayer whose implementation scales the score gradient by 1.01. */
    public static class PlantedErrorMaskLayer extends ChannelMaskLayer {
        public PlantedErrorMaskLayer() {
        }

        PlantedErrorMaskLayer(ChannelMaskLayer from) {
            setLayerName(from.getLayerName());
            setNIn(from.getNIn());
            setNOut(from.getNOut());
            setMaskSettings(from.getMaskSettings().clone());
            setIUpdater(new NoOp());
        }

        @Override
        public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int index,
                                 INDArray view, boolean init, DataType dt) {
            ChannelMaskLayerImpl ret = new ChannelMaskLayerImpl(conf, dt) {
                @Override
                public Pair<Gradient, INDArray> backpropGradient(INDArray eps, LayerWorkspaceMgr mgr) {
                    Pair<Gradient, INDArray> p = super.backpropGradient(eps, mgr);
                    p.getFirst().getGradientFor(MaskParams.SCORES_KEY).muli(1.01);
                    return p;
                }
            };
            ret.setListeners(listeners);
            ret.setIndex(index);
            ret.setParamsViewArray(view);
            Map<String, INDArray> table = initializer().init(conf, view, init);
            ret.setParamTable(table);
            ret.setConf(conf);
            return ret;
        }
    }

    private static MultiLayerNetwork net(boolean planted) {
        ChannelMaskLayer mask = new ChannelMaskLayer.Builder().name("mask").channels(4).maskMode(MaskMode.SOFT)
                .learnable(true).initialRatio(0.6).build();
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1)
                .dataType(DataType.DOUBLE).updater(new NoOp()).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.TANH).build())
                .layer(planted ? new PlantedErrorMaskLayer(mask) : mask)
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(5, 5, 2)).build());
        net.init();
        GradientCheckTest.randomScores(net, 11);
        return net;
    }

    @Test
    void trueLayerPassesAndPlantedErrorFails() {
        assertTrue(GradientCheckTest.check(net(false), new long[] {3, 2, 5, 5}, 3));
        assertFalse(GradientCheckTest.check(net(true), new long[] {3, 2, 5, 5}, 3));
    }
}

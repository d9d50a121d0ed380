package dev.autoprune.layers;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Tiny networks shared by the layer tests. */
final class TestNets {

    private TestNets() {
    }

    static NeuralNetConfiguration.ListBuilder base(DataType dt, IUpdater updater, long seed) {
        return new NeuralNetConfiguration.Builder().seed(seed).dataType(dt).updater(updater)
                .weightInit(WeightInit.XAVIER).list();
    }

    /** conv(4) -> mask -> dense -> out, on 2x6x6 input. */
    static MultiLayerConfiguration convMask(DataType dt, IUpdater updater, MaskMode mode) {
        return base(dt, updater, 12345)
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.TANH).build())
                .layer(new ChannelMaskLayer.Builder().name("mask").maskMode(mode).learnable(true)
                        .initialRatio(0.6).build())
                .layer(new DenseLayer.Builder().nOut(5).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(6, 6, 2)).build();
    }

    /** conv(4, identity) -> BN -> activation -> mask -> out. */
    static MultiLayerConfiguration convBnMask(DataType dt, IUpdater updater, MaskMode mode) {
        return base(dt, updater, 42)
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new ActivationLayer.Builder().activation(Activation.TANH).build())
                .layer(new ChannelMaskLayer.Builder().name("mask").maskMode(mode).learnable(true)
                        .initialRatio(0.5).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(6, 6, 2)).build();
    }

    /** dense(6) -> mask -> out. */
    static MultiLayerConfiguration denseMask(DataType dt, IUpdater updater, MaskMode mode) {
        return base(dt, updater, 7)
                .layer(new DenseLayer.Builder().nOut(6).activation(Activation.SIGMOID).build())
                .layer(new ChannelMaskLayer.Builder().name("mask").maskMode(mode).learnable(true)
                        .initialRatio(0.5).minChannels(2).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(5)).build();
    }

    /** MaskedConvolutionLayer(5) -> conv -> out. */
    static MultiLayerConfiguration maskedConv(DataType dt, IUpdater updater, MaskMode mode) {
        return base(dt, updater, 99)
                .layer(new MaskedConvolutionLayer.Builder(3, 3).name("mconv").nOut(5).activation(Activation.TANH)
                        .maskMode(mode).learnable(true).initialRatio(0.6).build())
                .layer(new ConvolutionLayer.Builder(2, 2).nOut(3).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(6, 6, 2)).build();
    }

    static MultiLayerNetwork init(MultiLayerConfiguration conf) {
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    static IUpdater noOp() {
        return new NoOp();
    }
}

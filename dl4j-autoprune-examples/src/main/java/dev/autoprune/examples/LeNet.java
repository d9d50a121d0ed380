package dev.autoprune.examples;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A LeNet-style classifier for 28x28 grey images (Fashion-MNIST): {@code conv1 (5x5) -> pool1 ->
 * conv2 (5x5) -> pool2 -> dense -> output}, ReLU, Adam. Plain DL4J code with nothing of this library
 * in it: the network a user already has.
 *
 * <p>The input type is {@code InputType.convolutionalFlat(28, 28, 1)}, so the network takes
 * {@code [batch, 1, 28, 28]} images as well as flattened {@code [batch, 784]} rows, and the
 * configuration records the image size (the pruning tools read it from there).
 */
public final class LeNet {

    /** The channel widths used by the demo: small enough to train in seconds on two cores. */
    public static final int[] DEMO_WIDTHS = {16, 32};
    /** The classic LeNet widths (20 and 50 channels). */
    public static final int[] CLASSIC_WIDTHS = {20, 50};

    private LeNet() {
    }

    /**
     * Builds the configuration.
     *
     * @param conv1 output channels of the first convolution
     * @param conv2 output channels of the second convolution
     * @param dense units of the hidden dense layer
     * @param classes number of classes
     * @param seed weight initialisation seed
     * @return the configuration, layers named conv1, pool1, conv2, pool2, dense, output
     */
    public static MultiLayerConfiguration configuration(int conv1, int conv2, int dense, int classes, long seed) {
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(new Adam(2e-3))
                .weightInit(WeightInit.RELU)
                .list()
                .layer(new ConvolutionLayer.Builder(5, 5).name("conv1").nOut(conv1).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).name("pool1")
                        .kernelSize(2, 2).stride(2, 2).build())
                .layer(new ConvolutionLayer.Builder(5, 5).name("conv2").nOut(conv2).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).name("pool2")
                        .kernelSize(2, 2).stride(2, 2).build())
                .layer(new DenseLayer.Builder().name("dense").nOut(dense).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("output").nOut(classes)
                        .activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER).build())
                .setInputType(InputType.convolutionalFlat(28, 28, 1))
                .build();
    }

    /**
     * Builds and initialises the demo-sized network for 10 classes.
     *
     * @param seed weight initialisation seed
     * @return a new, untrained network
     */
    public static MultiLayerNetwork demo(long seed) {
        MultiLayerNetwork net = new MultiLayerNetwork(configuration(DEMO_WIDTHS[0], DEMO_WIDTHS[1], 128, 10, seed));
        net.init();
        return net;
    }
}

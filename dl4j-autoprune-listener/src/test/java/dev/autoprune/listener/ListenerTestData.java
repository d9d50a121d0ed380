package dev.autoprune.listener;

import dev.autoprune.layers.ChannelMaskLayer;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.List;
import java.util.Random;

/** Small synthetic image data and tiny prunable CNNs for the listener tests (seconds, not minutes). */
final class ListenerTestData {

    static final int SIZE = 12;
    static final int CLASSES = 4;

    private ListenerTestData() {
    }

    /**
     * Images of one of four noisy patterns (a horizontal bar, a vertical bar, a diagonal, a filled
     * square) at a random position: easy enough to learn in a few epochs, hard enough to need some
     * channels.
     */
    static DataSet images(int n, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n * SIZE * SIZE];
        INDArray labels = Nd4j.zeros(DataType.FLOAT, n, CLASSES);
        for (int i = 0; i < n; i++) {
            int cls = i % CLASSES;
            labels.putScalar(i, cls, 1);
            int ox = r.nextInt(SIZE - 6);
            int oy = r.nextInt(SIZE - 6);
            for (int a = 0; a < 6; a++) {
                for (int b = 0; b < 6; b++) {
                    boolean on = switch (cls) {
                        case 0 -> a == 3;
                        case 1 -> b == 3;
                        case 2 -> a == b;
                        default -> a >= 1 && a <= 4 && b >= 1 && b <= 4;
                    };
                    if (on) {
                        x[i * SIZE * SIZE + (oy + a) * SIZE + ox + b] = 1f;
                    }
                }
            }
            for (int p = 0; p < SIZE * SIZE; p++) {
                x[i * SIZE * SIZE + p] += (float) (0.3 * r.nextGaussian());
            }
        }
        return new DataSet(Nd4j.createFromArray(x).reshape(n, 1, SIZE, SIZE), labels);
    }

    static DataSetIterator iterator(int n, int batch, long seed) {
        List<DataSet> list = images(n, seed).asList();
        return new ListDataSetIterator<>(list, batch);
    }

    /** conv(16)->BN->relu->mask->pool->conv(32)->BN->relu->mask->pool->dense(32)->out. */
    static MultiLayerConfiguration cnn(long seed) {
        return new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.FLOAT).updater(new Adam(3e-3))
                .weightInit(WeightInit.RELU).list()
                .layer(new ConvolutionLayer.Builder(3, 3).name("conv1").nOut(16).padding(1, 1)
                        .activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().name("bn1").build())
                .layer(new org.deeplearning4j.nn.conf.layers.ActivationLayer.Builder().name("act1")
                        .activation(Activation.RELU).build())
                .layer(new ChannelMaskLayer.Builder().name("mask1").build())
                .layer(new SubsamplingLayer.Builder(2, 2).name("pool1").stride(2, 2).build())
                .layer(new ConvolutionLayer.Builder(3, 3).name("conv2").nOut(32).padding(1, 1)
                        .activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().name("bn2").build())
                .layer(new org.deeplearning4j.nn.conf.layers.ActivationLayer.Builder().name("act2")
                        .activation(Activation.RELU).build())
                .layer(new ChannelMaskLayer.Builder().name("mask2").build())
                .layer(new SubsamplingLayer.Builder(2, 2).name("pool2").stride(2, 2).build())
                .layer(new DenseLayer.Builder().name("dense").nOut(32).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("out").nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(SIZE, SIZE, 1)).build();
    }

    static MultiLayerNetwork cnnNet(long seed) {
        MultiLayerNetwork net = new MultiLayerNetwork(cnn(seed));
        net.init();
        return net;
    }

    /** The same kind of network as a ComputationGraph. */
    static ComputationGraph graphNet(long seed) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.FLOAT)
                .updater(new Adam(3e-3)).weightInit(WeightInit.RELU).graphBuilder()
                .addInputs("in")
                .addLayer("conv1", new ConvolutionLayer.Builder(3, 3).nOut(16).padding(1, 1)
                        .activation(Activation.IDENTITY).build(), "in")
                .addLayer("bn1", new BatchNormalization.Builder().build(), "conv1")
                .addLayer("act1", new org.deeplearning4j.nn.conf.layers.ActivationLayer.Builder()
                        .activation(Activation.RELU).build(), "bn1")
                .addLayer("mask1", new ChannelMaskLayer.Builder().build(), "act1")
                .addLayer("pool1", new SubsamplingLayer.Builder(2, 2).stride(2, 2).build(), "mask1")
                .addLayer("dense", new DenseLayer.Builder().nOut(16).activation(Activation.RELU).build(), "pool1")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build(), "dense")
                .setOutputs("out")
                .setInputTypes(InputType.convolutional(SIZE, SIZE, 1)).build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        return net;
    }

    static double accuracy(MultiLayerNetwork net, DataSet test) {
        return net.evaluate(new ListDataSetIterator<>(test.asList(), 128)).accuracy();
    }
}

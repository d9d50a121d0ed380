package dev.autoprune.spark;

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
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.Random;

/** A small plain LeNet and synthetic 28x28 images of four noisy patterns for the Spark tests. */
final class SparkTestData {

    static final int SIZE = 28;
    static final int CLASSES = 4;
    static final InputType INPUT = InputType.convolutionalFlat(SIZE, SIZE, 1);

    private SparkTestData() {
    }

    /** conv1 (5x5, 16) -> pool -> conv2 (5x5, 32) -> pool -> dense (32) -> output: LeNet at a test's width. */
    static MultiLayerConfiguration lenet(long seed) {
        return lenet(seed, CLASSES);
    }

    /** The same LeNet with {@code classes} outputs. */
    static MultiLayerConfiguration lenet(long seed, int classes) {
        return new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.FLOAT).updater(new Adam(3e-3))
                .weightInit(WeightInit.RELU).list()
                .layer(new ConvolutionLayer.Builder(5, 5).name("conv1").nOut(16).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).name("pool1")
                        .kernelSize(2, 2).stride(2, 2).build())
                .layer(new ConvolutionLayer.Builder(5, 5).name("conv2").nOut(32).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).name("pool2")
                        .kernelSize(2, 2).stride(2, 2).build())
                .layer(new DenseLayer.Builder().name("dense").nOut(32).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("output").nOut(classes)
                        .activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER).build())
                .setInputType(INPUT).build();
    }

    static MultiLayerNetwork lenetNet(long seed) {
        return lenetNet(seed, CLASSES);
    }

    static MultiLayerNetwork lenetNet(long seed, int classes) {
        MultiLayerNetwork net = new MultiLayerNetwork(lenet(seed, classes));
        net.init();
        return net;
    }

    /**
     * {@code n} flattened images, each one of four 8x8 patterns (a horizontal bar, a vertical bar, a
     * diagonal, a filled square) at a random position, with Gaussian noise.
     */
    static DataSet images(int n, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n * SIZE * SIZE];
        INDArray labels = Nd4j.zeros(DataType.FLOAT, n, CLASSES);
        for (int i = 0; i < n; i++) {
            int cls = i % CLASSES;
            labels.putScalar(i, cls, 1);
            int ox = r.nextInt(SIZE - 8);
            int oy = r.nextInt(SIZE - 8);
            for (int a = 0; a < 8; a++) {
                for (int b = 0; b < 8; b++) {
                    boolean on = switch (cls) {
                        case 0 -> a == 4;
                        case 1 -> b == 4;
                        case 2 -> a == b;
                        default -> a >= 2 && a <= 5 && b >= 2 && b <= 5;
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
        return new DataSet(Nd4j.createFromArray(x).reshape(n, SIZE * SIZE), labels);
    }
}

package dev.autoprune.bench;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** The benchmark networks for 28x28 grey images, 10 classes. */
public final class BenchNets {

    private BenchNets() {
    }

    /** The benchmark networks by name. */
    public enum Net {
        /** LeNet-5 style (DL4J's classic LeNet: conv 20 5x5, pool, conv 50 5x5, pool, dense 500; 431k params). */
        LENET,
        /** A small VGG-style net with BatchNormalization: 3 stages of conv-BN-ReLU (16, 32, 64), pools, global pool. */
        VGG_BN,
        /** A small ResNet as a ComputationGraph: 3 stages of 2 residual basic blocks (16, 32, 64; {@link SmallResNet}). */
        RESNET;

        /** Whether the net is a ComputationGraph (else a MultiLayerNetwork). */
        public boolean isGraph() {
            return this == RESNET;
        }

        /**
         * The MultiLayerNetwork configuration with the given seed and learning rate.
         *
         * @throws IllegalArgumentException for {@link #RESNET}, a ComputationGraph: use {@link #network}
         */
        public MultiLayerConfiguration conf(long seed, double lr) {
            return switch (this) {
                case LENET -> lenet(seed, lr);
                case VGG_BN -> vggBn(seed, lr);
                case RESNET -> throw new IllegalArgumentException("Net RESNET is a ComputationGraph and has no "
                        + "MultiLayerConfiguration; this program takes LENET or VGG_BN (the quality benchmark takes all three)");
            };
        }

        /** A newly initialised network of this kind with the given seed and learning rate. */
        public BenchModel network(long seed, double lr) {
            if (this == RESNET) {
                ComputationGraph net = new ComputationGraph(SmallResNet.conf(seed, lr));
                net.init();
                return BenchModel.of(net);
            }
            MultiLayerNetwork net = new MultiLayerNetwork(conf(seed, lr));
            net.init();
            return BenchModel.of(net);
        }
    }

    /** LeNet-5 style. */
    public static MultiLayerConfiguration lenet(long seed, double lr) {
        return new NeuralNetConfiguration.Builder().seed(seed).updater(new Adam(lr)).weightInit(WeightInit.XAVIER)
                .list()
                .layer(new ConvolutionLayer.Builder(5, 5).name("conv1").nOut(20).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).name("pool1").kernelSize(2, 2).stride(2, 2).build())
                .layer(new ConvolutionLayer.Builder(5, 5).name("conv2").nOut(50).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).name("pool2").kernelSize(2, 2).stride(2, 2).build())
                .layer(new DenseLayer.Builder().name("fc").nOut(500).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.NEGATIVELOGLIKELIHOOD).name("out").nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutionalFlat(28, 28, 1)).build();
    }

    /** Small VGG with BatchNormalization (16-32-64 channels, one conv per stage). */
    public static MultiLayerConfiguration vggBn(long seed, double lr) {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder().seed(seed).updater(new Adam(lr))
                .weightInit(WeightInit.RELU).list();
        int[] widths = {16, 32, 64};
        for (int s = 0; s < widths.length; s++) {
            b.layer(new ConvolutionLayer.Builder(3, 3).name("conv" + (s + 1)).nOut(widths[s]).padding(1, 1)
                            .activation(Activation.IDENTITY).build())
                    .layer(new BatchNormalization.Builder().name("bn" + (s + 1)).build())
                    .layer(new ActivationLayer.Builder().name("relu" + (s + 1)).activation(Activation.RELU).build());
            if (s < widths.length - 1) {
                b.layer(new SubsamplingLayer.Builder(PoolingType.MAX).name("pool" + (s + 1)).kernelSize(2, 2)
                        .stride(2, 2).build());
            }
        }
        return b.layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).name("gap").build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.NEGATIVELOGLIKELIHOOD).name("out").nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutionalFlat(28, 28, 1)).build();
    }
}

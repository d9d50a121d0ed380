package dev.autoprune.spark;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Small ComputationGraphs on the 28x28 images of {@link SparkTestData} for the Spark graph tests. */
final class SparkGraphTestData {

    static final int WIDTH = 16;

    private SparkGraphTestData() {
    }

    /**
     * A residual graph: stem conv (2x2, stride 2, 16)/BN/ReLU -> 2x2 max pool (7x7) -> block
     * [conv 3x3/BN/ReLU -> conv 3x3/BN, added to the pool's output, ReLU] -> global average pool -> output.
     * The residual add couples the stem's channels and the block's second convolution's: one group, two
     * tied masks; the block's first convolution is a group of its own.
     */
    static ComputationGraphConfiguration residual(long seed) {
        ComputationGraphConfiguration.GraphBuilder g = base(seed).graphBuilder().addInputs("in")
                .setInputTypes(SparkTestData.INPUT)
                .addLayer("stem", conv(2, 2, 0), "in")
                .addLayer("stem_bn", new BatchNormalization.Builder().build(), "stem")
                .addLayer("stem_relu", relu(), "stem_bn")
                .addLayer("pool", new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build(),
                        "stem_relu")
                .addLayer("a", conv(3, 1, 1), "pool")
                .addLayer("a_bn", new BatchNormalization.Builder().build(), "a")
                .addLayer("a_relu", relu(), "a_bn")
                .addLayer("b", conv(3, 1, 1), "a_relu")
                .addLayer("b_bn", new BatchNormalization.Builder().build(), "b")
                .addVertex("add", new ElementWiseVertex(ElementWiseVertex.Op.Add), "pool", "b_bn")
                .addLayer("add_relu", relu(), "add")
                .addLayer("gap", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "add_relu")
                .addLayer("output", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(SparkTestData.CLASSES)
                        .activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER).build(), "gap")
                .setOutputs("output");
        return g.build();
    }

    /** A graph with no convolution at all (dense -> output): nothing for {@code AutoPrune.prunable} to mask. */
    static ComputationGraph dense(long seed) {
        ComputationGraph net = new ComputationGraph(base(seed).graphBuilder().addInputs("in")
                .setInputTypes(SparkTestData.INPUT)
                .addLayer("dense", new DenseLayer.Builder().nOut(8).activation(Activation.RELU).build(), "in")
                .addLayer("output", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(SparkTestData.CLASSES)
                        .activation(Activation.SOFTMAX).build(), "dense")
                .setOutputs("output").build());
        net.init();
        return net;
    }

    private static NeuralNetConfiguration.Builder base(long seed) {
        return new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.FLOAT).updater(new Adam(3e-3))
                .weightInit(WeightInit.RELU);
    }

    private static ConvolutionLayer conv(int kernel, int stride, int padding) {
        return new ConvolutionLayer.Builder(kernel, kernel).stride(stride, stride).padding(padding, padding)
                .nOut(WIDTH).activation(Activation.IDENTITY).hasBias(false).build();
    }

    private static ActivationLayer relu() {
        return new ActivationLayer.Builder().activation(Activation.RELU).build();
    }
}

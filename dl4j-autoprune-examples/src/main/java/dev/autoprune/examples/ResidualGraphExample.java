package dev.autoprune.examples;

import dev.autoprune.AutoPrune;
import dev.autoprune.ChannelPruner;
import dev.autoprune.PrunableOptions;
import dev.autoprune.examples.data.EmbeddedFashionMnist;
import dev.autoprune.flops.FlopsCounter;
import dev.autoprune.listener.AutoPruneListener;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Pruning a ComputationGraph with residual blocks. The channels that residual adds join
 * ({@code stem} and both blocks' second convolutions) are one coupled group: {@code prunable}
 * gives them tied masks, so the search keeps or removes the same channels in all of them and
 * {@code compact} cuts them everywhere at once. The inner channels of each block are their own
 * groups.
 *
 * <pre>
 * in -> stem conv/BN/ReLU -> [block1: conv/BN/ReLU -> conv/BN, + skip, ReLU] -> pool
 *    -> [block2: same] -> global average pool -> output
 * </pre>
 */
public final class ResidualGraphExample {

    private ResidualGraphExample() {
    }

    /**
     * The residual network for 28x28 grey images and 10 classes.
     *
     * @param width channels of the stem and the residual path
     * @param seed weight initialisation seed
     * @return the configuration
     */
    public static ComputationGraphConfiguration configuration(int width, long seed) {
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder()
                .seed(seed).dataType(DataType.FLOAT).updater(new Adam(3e-3)).weightInit(WeightInit.RELU)
                .graphBuilder()
                .addInputs("in")
                .setInputTypes(InputType.convolutional(28, 28, 1));
        convBnRelu(g, "stem", width, "in");
        String x = residualBlock(g, "block1", width, "stem_relu");
        g.addLayer("pool", new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build(), x);
        x = residualBlock(g, "block2", width, "pool");
        g.addLayer("gap", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), x)
                .addLayer("output", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                        .activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER).build(), "gap")
                .setOutputs("output");
        return g.build();
    }

    private static void convBnRelu(ComputationGraphConfiguration.GraphBuilder g, String name, int width, String input) {
        g.addLayer(name + "_conv", conv(width), input)
                .addLayer(name + "_bn", new BatchNormalization.Builder().build(), name + "_conv")
                .addLayer(name + "_relu", new ActivationLayer.Builder().activation(Activation.RELU).build(),
                        name + "_bn");
    }

    /** conv/BN/ReLU -> conv/BN, added to the block input, then ReLU; returns the output's name. */
    private static String residualBlock(ComputationGraphConfiguration.GraphBuilder g, String name, int width,
                                        String input) {
        convBnRelu(g, name + "_a", width, input);
        g.addLayer(name + "_b_conv", conv(width), name + "_a_relu")
                .addLayer(name + "_b_bn", new BatchNormalization.Builder().build(), name + "_b_conv")
                .addVertex(name + "_add", new ElementWiseVertex(ElementWiseVertex.Op.Add), name + "_b_bn", input)
                .addLayer(name + "_out", new ActivationLayer.Builder().activation(Activation.RELU).build(),
                        name + "_add");
        return name + "_out";
    }

    private static ConvolutionLayer conv(int width) {
        return new ConvolutionLayer.Builder(3, 3).nOut(width).padding(1, 1).activation(Activation.IDENTITY)
                .hasBias(false).build();
    }

    /**
     * Trains the residual network from scratch while pruning it.
     *
     * @param train training data ({@code [batch, 1, 28, 28]} images, 10 classes)
     * @param test test data
     * @param width channels of the residual path
     * @param searchEpochs most epochs of the ratio search
     * @param ratioSteps ratio steps after each weight step (1 in {@code main}; the tests take more so that a
     *     few iterations already prune)
     * @return the compacted graph and its numbers
     */
    public static ExampleResult run(DataSetIterator train, DataSetIterator test, int width, int searchEpochs,
                                    int ratioSteps) {
        // DL4J forgets a graph's input type once built: give it once, and the masks record it.
        InputType input = InputType.convolutional(28, 28, 1);
        ComputationGraph net = new ComputationGraph(AutoPrune.prunable(configuration(width, 42),
                PrunableOptions.builder().inputTypes(input).build()));
        net.init();
        AutoPruneListener pruner = AutoPruneListener.builder().targetFlops(0.5).maxSearchEpochs(searchEpochs)
                .schedule(1, ratioSteps).build();
        int epochs = PruningLoop.fitUntilDone(net, train, pruner);
        ComputationGraph small = ChannelPruner.compact(net);
        // The compacted graph is a plain DL4J network without masks, so its FLOPs need the type again.
        FlopsCounter before = FlopsCounter.of(net);
        FlopsCounter after = FlopsCounter.of(small.getConfiguration(), input);
        return ExampleResult.of(small, before, after, small.evaluate(test).accuracy(), epochs);
    }

    /**
     * Runs the example on the embedded Fashion-MNIST subset.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        ExampleResult r = run(EmbeddedFashionMnist.train(64, 42), EmbeddedFashionMnist.test(256), 16, 3, 1);
        System.out.printf("FLOPs %,d -> %,d (%.2f), test accuracy %.3f%n", r.flopsBefore(), r.flopsAfter(),
                r.flopsFraction(), r.accuracy());
    }
}

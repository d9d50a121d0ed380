package dev.autoprune.bench;

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
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The residual benchmark network for 28x28 grey images, 10 classes, as a ComputationGraph: a 3x3 stem
 * convolution (16) with BN and ReLU, then three stages of two basic blocks (K. He, X. Zhang, S. Ren,
 * J. Sun, "Deep Residual Learning for Image Recognition", CVPR 2016) with 16, 32 and 64 channels,
 * global average pooling and a softmax output (about 175k parameters, 42 MFLOPs).
 *
 * <p>A block is conv3x3-BN-ReLU-conv3x3-BN, added ({@code ElementWiseVertex} Add) to its shortcut, then
 * ReLU. The first block of stages 2 and 3 halves the image with stride 2 (28 to 14 to 7) and its
 * shortcut is a 1x1 stride-2 projection with BN; the other shortcuts are the identity. Layer names:
 * {@code stem}, {@code s<stage>b<block>_conv1}, {@code _bn1}, {@code _relu1}, {@code _conv2},
 * {@code _bn2}, {@code _proj}, {@code _proj_bn}, {@code _add}, {@code _relu}.
 *
 * <p>The adds tie channels: the stem and the second convolutions of stage 1 are one channel group, and
 * so are each later stage's projection and second convolutions; every block's first convolution is a
 * group of its own. So the network has nine prunable groups, three of them tied across blocks.
 */
public final class SmallResNet {

    /** The channels of the three stages. */
    static final int[] WIDTHS = {16, 32, 64};

    private SmallResNet() {
    }

    /** The configuration with the given seed and Adam learning rate. */
    public static ComputationGraphConfiguration conf(long seed, double lr) {
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder().seed(seed)
                .updater(new Adam(lr)).weightInit(WeightInit.RELU).graphBuilder()
                .addInputs("in").setInputTypes(InputType.convolutionalFlat(28, 28, 1));
        String last = convBn(g, "stem", "stem_bn", WIDTHS[0], 1, 3, "in");
        g.addLayer("stem_relu", relu(), last);
        last = "stem_relu";
        int channels = WIDTHS[0];
        for (int s = 0; s < WIDTHS.length; s++) {
            for (int b = 0; b < 2; b++) {
                int stride = s > 0 && b == 0 ? 2 : 1;
                last = block(g, "s" + (s + 1) + "b" + (b + 1), last, WIDTHS[s], stride, channels != WIDTHS[s] || stride != 1);
                channels = WIDTHS[s];
            }
        }
        return g.addLayer("gap", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), last)
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.NEGATIVELOGLIKELIHOOD).nOut(10)
                        .activation(Activation.SOFTMAX).build(), "gap")
                .setOutputs("out").build();
    }

    /** One basic block reading {@code input}; returns the name of its output (the ReLU after the add). */
    private static String block(ComputationGraphConfiguration.GraphBuilder g, String p, String input, int width,
                                int stride, boolean project) {
        String a = convBn(g, p + "_conv1", p + "_bn1", width, stride, 3, input);
        g.addLayer(p + "_relu1", relu(), a);
        String b = convBn(g, p + "_conv2", p + "_bn2", width, 1, 3, p + "_relu1");
        String shortcut = project ? convBn(g, p + "_proj", p + "_proj_bn", width, stride, 1, input) : input;
        g.addVertex(p + "_add", new ElementWiseVertex(ElementWiseVertex.Op.Add), b, shortcut);
        g.addLayer(p + "_relu", relu(), p + "_add");
        return p + "_relu";
    }

    /** A k x k convolution (padding k/2, no activation) and its BN; returns the BN's name. */
    private static String convBn(ComputationGraphConfiguration.GraphBuilder g, String conv, String bn, int width,
                                 int stride, int k, String input) {
        g.addLayer(conv, new ConvolutionLayer.Builder(k, k).nOut(width).stride(stride, stride).padding(k / 2, k / 2)
                        .activation(Activation.IDENTITY).build(), input)
                .addLayer(bn, new BatchNormalization.Builder().build(), conv);
        return bn;
    }

    private static ActivationLayer relu() {
        return new ActivationLayer.Builder().activation(Activation.RELU).build();
    }
}

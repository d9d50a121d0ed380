package dev.autoprune.graph;

import dev.autoprune.layers.ChannelMaskLayer;
import dev.autoprune.layers.MaskMode;
import dev.autoprune.layers.MaskedConvolutionLayer;
import dev.autoprune.layers.MaskedLayer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SeparableConvolution2D;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.Random;

/** Tiny masked networks shared by the graph, flops, compact and report tests. */
public final class TestNetworks {

    /** LeNet input: 16x16x1 given as a flat vector, so the input type is recoverable from the configuration. */
    public static final InputType LENET_INPUT = InputType.convolutionalFlat(16, 16, 1);
    /** Input of the other networks. */
    public static final InputType RGB8 = InputType.convolutional(8, 8, 3);

    private TestNetworks() {
    }

    private static NeuralNetConfiguration.Builder base(long seed) {
        return new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.FLOAT).updater(new Adam(1e-3))
                .weightInit(WeightInit.XAVIER).convolutionMode(ConvolutionMode.Same);
    }

    /** A HARD channel mask. */
    public static ChannelMaskLayer mask(String name) {
        return new ChannelMaskLayer.Builder().name(name).maskMode(MaskMode.HARD).build();
    }

    /** A HARD channel mask with a minimum channel count. */
    public static ChannelMaskLayer mask(String name, int minChannels) {
        return new ChannelMaskLayer.Builder().name(name).maskMode(MaskMode.HARD).minChannels(minChannels).build();
    }

    private static MaskedConvolutionLayer maskedConv(String name, int k, int nOut, Activation act) {
        return new MaskedConvolutionLayer.Builder(k, k).name(name).nOut(nOut).activation(act)
                .convolutionMode(ConvolutionMode.Truncate).maskMode(MaskMode.HARD).build();
    }

    /**
     * LeNet: masked conv 5x5 (6, relu) "c1" -> max pool 2 -> masked conv 3x3 (8, relu) "c2" -> max pool 2
     * -> dense 10 "d1" -> mask "m3" -> output 3. MACs = 21600 r1 + 6912 r1 r2 + 320 r2 r3 + 30 r3.
     */
    public static MultiLayerConfiguration lenet() {
        return base(1).list()
                .layer(maskedConv("c1", 5, 6, Activation.RELU))
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).name("p1").build())
                .layer(maskedConv("c2", 3, 8, Activation.RELU))
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).name("p2").build())
                .layer(new DenseLayer.Builder().name("d1").nOut(10).activation(Activation.RELU).build())
                .layer(mask("m3"))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("out").nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(LENET_INPUT).build();
    }

    /** The same LeNet with plain layers and the given widths (no masks). */
    public static MultiLayerConfiguration lenetPlain(int c1, int c2, int d1) {
        return base(1).list()
                .layer(new ConvolutionLayer.Builder(5, 5).name("c1").nOut(c1).activation(Activation.RELU)
                        .convolutionMode(ConvolutionMode.Truncate).build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new ConvolutionLayer.Builder(3, 3).name("c2").nOut(c2).activation(Activation.RELU)
                        .convolutionMode(ConvolutionMode.Truncate).build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new DenseLayer.Builder().nOut(d1).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(LENET_INPUT).build();
    }

    /**
     * VGG with BN on 8x8x3: [conv3x3(8) BN relu mask "m1"] [conv3x3(16) BN relu mask "m2"] maxpool2
     * [conv3x3(16) BN relu mask "m3"] global avg pool -> output 4 (unnamed layers keep DL4J's names).
     */
    public static MultiLayerConfiguration vggBn() {
        NeuralNetConfiguration.ListBuilder b = base(2).list();
        int[] widths = {8, 16, 16};
        for (int i = 0; i < 3; i++) {
            b.layer(new ConvolutionLayer.Builder(3, 3).nOut(widths[i]).activation(Activation.IDENTITY).build())
                    .layer(new BatchNormalization.Builder().build())
                    .layer(new ActivationLayer.Builder().activation(Activation.RELU).build())
                    .layer(mask("m" + (i + 1), i == 1 ? 3 : 1));
            if (i == 1) {
                b.layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build());
            }
        }
        return b.layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(4)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(RGB8).build();
    }

    /**
     * A residual graph on 8x8x3: stem conv-BN-relu-mask "s0"; an identity block (conv-BN-relu-mask
     * "b1m", conv-BN, add with s0, relu, mask "s1"); a projection block to 12 channels (conv-BN-relu-mask
     * "b2m", conv-BN; shortcut 1x1 conv-BN from s1; add, relu, mask "s2"); global avg pool; output 3.
     * Groups: {s0, s1} (tied), b1m, b2m, s2.
     */
    public static ComputationGraphConfiguration resnet() {
        ComputationGraphConfiguration.GraphBuilder g = base(3).graphBuilder().addInputs("in")
                .setInputTypes(RGB8);
        convBnRelu(g, "stem", 8, "in", true);
        g.addLayer("s0", mask("s0"), "stem_relu");
        convBnRelu(g, "b1a", 8, "s0", true);
        g.addLayer("b1m", mask("b1m", 2), "b1a_relu");
        convBnRelu(g, "b1b", 8, "b1m", false);
        g.addVertex("add1", new ElementWiseVertex(ElementWiseVertex.Op.Add), "s0", "b1b_bn")
                .addLayer("add1_relu", new ActivationLayer.Builder().activation(Activation.RELU).build(), "add1")
                .addLayer("s1", mask("s1"), "add1_relu");
        convBnRelu(g, "b2a", 12, "s1", true);
        g.addLayer("b2m", mask("b2m"), "b2a_relu");
        convBnRelu(g, "b2b", 12, "b2m", false);
        g.addLayer("proj", new ConvolutionLayer.Builder(1, 1).nOut(12).activation(Activation.IDENTITY).build(), "s1")
                .addLayer("proj_bn", new BatchNormalization.Builder().build(), "proj")
                .addVertex("add2", new ElementWiseVertex(ElementWiseVertex.Op.Add), "proj_bn", "b2b_bn")
                .addLayer("add2_relu", new ActivationLayer.Builder().activation(Activation.RELU).build(), "add2")
                .addLayer("s2", mask("s2"), "add2_relu")
                .addLayer("gap", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "s2")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "gap")
                .setOutputs("out");
        return g.build();
    }

    private static void convBnRelu(ComputationGraphConfiguration.GraphBuilder g, String name, int nOut, String in,
                                   boolean relu) {
        g.addLayer(name, new ConvolutionLayer.Builder(3, 3).nOut(nOut).activation(Activation.IDENTITY).build(), in)
                .addLayer(name + "_bn", new BatchNormalization.Builder().build(), name);
        if (relu) {
            g.addLayer(name + "_relu", new ActivationLayer.Builder().activation(Activation.RELU).build(), name + "_bn");
        }
    }

    /**
     * An inception-like graph on 8x8x3: masked stem conv (8) "stem"; branches masked 1x1 conv (4) "b1",
     * masked 3x3 conv (6) "b2", max pool 3x3 then masked 1x1 conv (5) "b3"; merge; masked 3x3 conv (8)
     * "post"; flatten into dense 6 "fc"; output 3.
     */
    public static ComputationGraphConfiguration inception() {
        return base(4).graphBuilder().addInputs("in").setInputTypes(RGB8)
                .addLayer("stem", sameMasked("stem", 3, 8), "in")
                .addLayer("b1", sameMasked("b1", 1, 4), "stem")
                .addLayer("b2", sameMasked("b2", 3, 6), "stem")
                .addLayer("pool", new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(3, 3).stride(1, 1).build(),
                        "stem")
                .addLayer("b3", sameMasked("b3", 1, 5), "pool")
                .addVertex("merge", new MergeVertex(), "b1", "b2", "b3")
                .addLayer("post", new MaskedConvolutionLayer.Builder(3, 3).name("post").nOut(8).stride(2, 2)
                        .activation(Activation.TANH).maskMode(MaskMode.HARD).build(), "merge")
                .addLayer("fc", new DenseLayer.Builder().nOut(6).activation(Activation.TANH).build(), "post")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "fc")
                .setOutputs("out").build();
    }

    private static MaskedConvolutionLayer sameMasked(String name, int k, int nOut) {
        return new MaskedConvolutionLayer.Builder(k, k).name(name).nOut(nOut).activation(Activation.RELU)
                .maskMode(MaskMode.HARD).build();
    }

    /**
     * Depthwise-separable on 8x8x3: conv3x3(8)-BN-relu -> depthwise3x3-BN-relu -> mask "m1" (minChannels 2:
     * DL4J's separable convolution needs two input channels) ->
     * separable3x3(12)-BN-relu -> mask "m2" -> global max pool -> output 3.
     */
    public static MultiLayerConfiguration separable() {
        return base(5).list()
                .layer(new ConvolutionLayer.Builder(3, 3).name("conv").nOut(8).activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().name("bn1").build())
                .layer(new ActivationLayer.Builder().name("relu1").activation(Activation.RELU).build())
                .layer(new DepthwiseConvolution2D.Builder(3, 3).name("dw").depthMultiplier(1)
                        .activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().name("bn2").build())
                .layer(new ActivationLayer.Builder().name("relu2").activation(Activation.RELU).build())
                .layer(mask("m1", 2))
                .layer(new SeparableConvolution2D.Builder(3, 3).name("sep").nOut(12).depthMultiplier(2)
                        .activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().name("bn3").build())
                .layer(new ActivationLayer.Builder().name("relu3").activation(Activation.RELU).build())
                .layer(mask("m2", 2))
                .layer(new GlobalPoolingLayer.Builder(PoolingType.MAX).name("gmp").build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("out").nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(RGB8).build();
    }

    /** Initialises a network. */
    public static MultiLayerNetwork init(MultiLayerConfiguration conf) {
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** Initialises a graph. */
    public static ComputationGraph init(ComputationGraphConfiguration conf) {
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        return net;
    }

    /**
     * Sets a mask so that HARD mode keeps exactly {@code kept} channels, chosen by {@code scores}.
     */
    public static void setKept(MaskedLayer layer, int kept, double[] scores) {
        int c = layer.channels();
        int min = layer.maskConfig().getMaskSettings().getMinChannels();
        double sig = c == min ? 0.5 : (kept - min) / (double) (c - min);
        sig = Math.min(1 - 1e-6, Math.max(1e-6, sig));
        layer.setTheta(Math.log(sig / (1 - sig)));
        layer.setScores(scores);
        if (layer.hardKeptCount() != kept) {
            throw new IllegalStateException(layer.describe() + ": wanted " + kept + " kept, got " + layer.hardKeptCount());
        }
    }

    /** Random distinct scores. */
    public static double[] randomScores(int c, Random rnd) {
        double[] s = new double[c];
        for (int i = 0; i < c; i++) {
            s[i] = rnd.nextGaussian();
        }
        return s;
    }
}

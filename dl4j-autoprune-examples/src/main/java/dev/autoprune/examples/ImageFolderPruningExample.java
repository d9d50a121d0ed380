package dev.autoprune.examples;

import dev.autoprune.AutoPrune;
import dev.autoprune.ChannelPruner;
import dev.autoprune.PrunableOptions;
import dev.autoprune.examples.data.ImageFolderData;
import dev.autoprune.examples.data.ImageFolderOptions;
import dev.autoprune.flops.FlopsCounter;
import dev.autoprune.listener.AutoPruneListener;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Pruning on your own images through DataVec: a folder with one sub-folder per class
 * ({@code root/cat/*.png}, {@code root/dog/*.png}, ...) is read with DataVec's
 * {@code ImageRecordReader} and {@code ParentPathLabelGenerator} (via {@link ImageFolderData}),
 * resized and scaled to [0, 1], split 80/20 per class; a small CNN with BatchNormalization
 * (masks go after BN and ReLU) trains and prunes on it.
 *
 * <p>Run: {@code java -cp ... dev.autoprune.examples.ImageFolderPruningExample /path/to/images}.
 */
public final class ImageFolderPruningExample {

    private ImageFolderPruningExample() {
    }

    /**
     * A CNN for {@code size x size} images: conv/BN/ReLU, pool, conv/BN/ReLU, pool, dense, output.
     *
     * @param size image height and width
     * @param channels image channels (1 or 3)
     * @param classes number of classes
     * @return the configuration
     */
    public static MultiLayerConfiguration configuration(int size, int channels, int classes) {
        return new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.FLOAT).updater(new Adam(3e-3))
                .weightInit(WeightInit.RELU).list()
                .layer(new ConvolutionLayer.Builder(3, 3).name("conv1").nOut(16).padding(1, 1)
                        .activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().name("bn1").activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).name("pool1").kernelSize(2, 2).stride(2, 2).build())
                .layer(new ConvolutionLayer.Builder(3, 3).name("conv2").nOut(32).padding(1, 1)
                        .activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().name("bn2").activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).name("pool2").kernelSize(2, 2).stride(2, 2).build())
                .layer(new DenseLayer.Builder().name("dense").nOut(32).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("output").nOut(classes)
                        .activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER).build())
                .setInputType(InputType.convolutional(size, size, channels))
                .build();
    }

    /**
     * Reads the folder, trains while pruning, compacts.
     *
     * @param root the image folder (one sub-folder per class)
     * @param size the side images are resized to
     * @param searchEpochs most epochs of the ratio search
     * @param ratioSteps ratio steps after each weight step (1 in {@code main}; the tests take more so that a
     *     few iterations already prune)
     * @return the compacted network and its numbers
     * @throws IOException if the folder cannot be read (the message names the folder or file)
     */
    public static ExampleResult run(Path root, int size, int searchEpochs, int ratioSteps) throws IOException {
        ImageFolderData data = ImageFolderData.open(ImageFolderOptions.builder(root).size(size, size).channels(1)
                .batchSize(16).split(0.8, 42).build());
        DataSetIterator train = data.train();
        DataSetIterator test = data.test();

        // DL4J forgets InputType.convolutional once built: give it once, and the masks record it.
        InputType input = InputType.convolutional(size, size, 1);
        MultiLayerNetwork net = new MultiLayerNetwork(AutoPrune.prunable(
                configuration(size, 1, data.classNames().size()), PrunableOptions.builder().inputTypes(input).build()));
        net.init();
        AutoPruneListener pruner = AutoPruneListener.builder().targetFlops(0.5).maxSearchEpochs(searchEpochs)
                .schedule(1, ratioSteps).build();
        int epochs = PruningLoop.fitUntilDone(net, train, pruner);
        MultiLayerNetwork small = ChannelPruner.compact(net);
        // The compacted network is a plain DL4J network without masks, so its FLOPs need the type again.
        FlopsCounter before = FlopsCounter.of(net);
        FlopsCounter after = FlopsCounter.of(small.getLayerWiseConfigurations(), input);
        return ExampleResult.of(small, before, after, small.evaluate(test).accuracy(), epochs);
    }

    /**
     * Runs the example on a folder given on the command line.
     *
     * @param args the image folder, optionally the image side (default 32)
     * @throws IOException if the folder cannot be read
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: ImageFolderPruningExample IMAGE_FOLDER [SIZE]  (one sub-folder per class)");
            System.exit(2);
        }
        int size = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        ExampleResult r = run(Path.of(args[0]), size, 3, 1);
        System.out.printf("FLOPs %,d -> %,d (%.2f), test accuracy %.3f%n", r.flopsBefore(), r.flopsAfter(),
                r.flopsFraction(), r.accuracy());
    }
}

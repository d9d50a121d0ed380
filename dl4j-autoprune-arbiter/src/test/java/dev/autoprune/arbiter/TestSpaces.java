package dev.autoprune.arbiter;

import dev.autoprune.arbiter.layers.ChannelMaskLayerSpace;
import dev.autoprune.arbiter.layers.MaskedConvolutionLayerSpace;
import org.deeplearning4j.arbiter.MultiLayerSpace;
import org.deeplearning4j.arbiter.conf.updater.AdamSpace;
import org.deeplearning4j.arbiter.layers.BatchNormalizationSpace;
import org.deeplearning4j.arbiter.layers.ConvolutionLayerSpace;
import org.deeplearning4j.arbiter.layers.OutputLayerSpace;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.FixedValue;
import org.deeplearning4j.arbiter.optimize.parameter.continuous.ContinuousParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.discrete.DiscreteParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.integer.IntegerParameterSpace;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Small search spaces over tiny prunable networks for the tests. */
final class TestSpaces {

    private TestSpaces() {
    }

    /** Adam with all four values given (Arbiter beta7's AdamSpace(lr) sets beta1 = beta2 = epsilon = lr). */
    static AdamSpace adam(ParameterSpace<Double> lr) {
        return new AdamSpace(lr, new FixedValue<>(0.9), new FixedValue<>(0.999), new FixedValue<>(1e-8));
    }

    /** Masked conv (4 or 6 channels) -> masked conv (6) -> softmax over 3 classes, on 8x8 input. */
    static MultiLayerSpace tinyNetwork() {
        return new MultiLayerSpace.Builder()
                .seed(12345L)
                .updater(adam(new ContinuousParameterSpace(0.005, 0.02)))
                .addLayer(new MaskedConvolutionLayerSpace.Builder().kernelSize(3, 3)
                        .convolutionMode(ConvolutionMode.Same).activation(Activation.RELU)
                        .nOut(new DiscreteParameterSpace<>(4, 6)).minChannels(1)
                        .initialRatio(new ContinuousParameterSpace(0.5, 0.8)).build())
                .addLayer(new MaskedConvolutionLayerSpace.Builder().kernelSize(3, 3).stride(2, 2)
                        .activation(Activation.RELU).nOut(6).initialRatio(0.7).build())
                .addLayer(new OutputLayerSpace.Builder().nOut(TinyImageSource.CLASSES).activation(Activation.SOFTMAX)
                        .lossFunction(LossFunctions.LossFunction.MCXENT).build())
                .setInputType(InputType.convolutional(TinyImageSource.SIZE, TinyImageSource.SIZE, 1))
                .build();
    }

    /** A network space with every layer space of this module next to stock ones (for JSON). */
    static MultiLayerSpace mixedNetwork() {
        return new MultiLayerSpace.Builder()
                .seed(7L)
                .updater(adam(new ContinuousParameterSpace(1e-3, 1e-2)))
                .addLayer(new ConvolutionLayerSpace.Builder().kernelSize(3, 3).nOut(new IntegerParameterSpace(4, 8))
                        .activation(Activation.IDENTITY).build())
                .addLayer(new BatchNormalizationSpace.Builder().build())
                .addLayer(new ChannelMaskLayerSpace.Builder().minChannels(new IntegerParameterSpace(1, 2))
                        .initialRatio(new ContinuousParameterSpace(0.5, 1.0)).channelMultiple(1).build())
                .addLayer(new MaskedConvolutionLayerSpace.Builder().kernelSize(3, 3)
                        .nOut(new DiscreteParameterSpace<>(8, 12)).activation(Activation.RELU)
                        .minChannels(new IntegerParameterSpace(1, 4)).initialRatio(0.9)
                        .channelMultiple(new DiscreteParameterSpace<>(1, 2)).build())
                .addLayer(new OutputLayerSpace.Builder().nOut(3).activation(Activation.SOFTMAX)
                        .lossFunction(LossFunctions.LossFunction.MCXENT).build())
                .setInputType(InputType.convolutional(12, 12, 1))
                .build();
    }

    /** A pruning space searching target, lambda, ratio LR and the end temperature; 1 search + 1 fine-tune epoch. */
    static AutoPruneSpace quickPruning() {
        return AutoPruneSpace.builder()
                .targetFlops(new ContinuousParameterSpace(0.4, 0.7))
                .lambda(new ContinuousParameterSpace(1.0, 4.0))
                .ratioLearningRate(new ContinuousParameterSpace(0.05, 0.2))
                .temperature(new FixedValue<>(1.0), new ContinuousParameterSpace(0.05, 0.3))
                .schedule(1, 1)
                .warmupEpochs(0)
                .maxSearchEpochs(1)
                .fineTuneEpochs(1)
                .build();
    }
}

package dev.autoprune.examples.sweep;

import dev.autoprune.arbiter.AutoPruneSpace;
import dev.autoprune.arbiter.layers.MaskedConvolutionLayerSpace;
import org.deeplearning4j.arbiter.MultiLayerSpace;
import org.deeplearning4j.arbiter.conf.updater.AdamSpace;
import org.deeplearning4j.arbiter.layers.DenseLayerSpace;
import org.deeplearning4j.arbiter.layers.OutputLayerSpace;
import org.deeplearning4j.arbiter.layers.SubsamplingLayerSpace;
import org.deeplearning4j.arbiter.optimize.parameter.FixedValue;
import org.deeplearning4j.arbiter.optimize.parameter.continuous.ContinuousParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.discrete.DiscreteParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.integer.IntegerParameterSpace;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The search spaces of {@code autoprune sweep}: a small prunable LeNet (two masked 5x5 convolutions
 * of 8|12 and 16|24 channels with drawn initial ratios, max pooling, a dense layer of 64, softmax)
 * with a drawn Adam learning rate, and the {@code AutoPruneListener} settings around a FLOPs budget
 * (target, lambda, ratio learning rate, end temperature, weight steps per ratio step).
 */
public final class SweepSpaces {

    /** The stopping tolerance of every candidate (the listener's default). */
    static final double TOLERANCE = 0.02;

    private SweepSpaces() {
    }

    /**
     * The network space.
     *
     * @param input the image shape (channels, height, width)
     * @param classes the number of classes
     * @return the space
     */
    public static MultiLayerSpace network(InputType.InputTypeConvolutional input, int classes) {
        return new MultiLayerSpace.Builder()
                .seed(42L)
                .updater(new AdamSpace(new ContinuousParameterSpace(1e-3, 4e-3), new FixedValue<>(0.9),
                        new FixedValue<>(0.999), new FixedValue<>(1e-8))) // all four: AdamSpace(lr) is buggy in beta7
                .addLayer(new MaskedConvolutionLayerSpace.Builder().kernelSize(5, 5).activation(Activation.RELU)
                        .convolutionMode(ConvolutionMode.Same)
                        .nOut(new DiscreteParameterSpace<>(8, 12)).minChannels(2)
                        .initialRatio(new ContinuousParameterSpace(0.5, 0.8)).build())
                .addLayer(new SubsamplingLayerSpace.Builder().poolingType(SubsamplingLayer.PoolingType.MAX)
                        .kernelSize(2, 2).stride(2, 2).build())
                .addLayer(new MaskedConvolutionLayerSpace.Builder().kernelSize(5, 5).activation(Activation.RELU)
                        .convolutionMode(ConvolutionMode.Same)
                        .nOut(new DiscreteParameterSpace<>(16, 24)).minChannels(2)
                        .initialRatio(new ContinuousParameterSpace(0.5, 0.8)).build())
                .addLayer(new SubsamplingLayerSpace.Builder().poolingType(SubsamplingLayer.PoolingType.MAX)
                        .kernelSize(2, 2).stride(2, 2).build())
                .addLayer(new DenseLayerSpace.Builder().nOut(64).activation(Activation.RELU).build())
                .addLayer(new OutputLayerSpace.Builder().nOut(classes).activation(Activation.SOFTMAX)
                        .lossFunction(LossFunctions.LossFunction.MCXENT).build())
                .setInputType(InputType.convolutional(input.getHeight(), input.getWidth(), input.getChannels()))
                .build();
    }

    /**
     * The pruning-settings space: targets drawn below the budget (from {@code max(budget/2, budget-0.2)}
     * to {@code budget - tolerance}, so that a search that stops within its tolerance stays within the
     * budget), lambda 1-6, ratio learning rate 0.05-0.3, temperature 1 -> 0.05..0.3, 2 or 3 weight steps
     * per ratio step, one warm-up epoch and a patience of 10 checks.
     *
     * @param flopsBudget the FLOPs budget, in (0.05, 1)
     * @param searchEpochs the most search epochs of each candidate
     * @param fineTuneEpochs the fine-tuning epochs of each candidate
     * @return the space
     * @throws IllegalArgumentException if the budget is outside (0.05, 1)
     */
    public static AutoPruneSpace pruning(double flopsBudget, int searchEpochs, int fineTuneEpochs) {
        if (!(flopsBudget > 0.05 && flopsBudget < 1)) {
            throw new IllegalArgumentException("the FLOPs budget must be in (0.05, 1), found " + flopsBudget);
        }
        double upper = flopsBudget - TOLERANCE;
        double lower = Math.max(flopsBudget / 2, flopsBudget - 0.2);
        return AutoPruneSpace.builder()
                .targetFlops(new ContinuousParameterSpace(lower, upper))
                .lambda(new ContinuousParameterSpace(1.0, 6.0))
                .ratioLearningRate(new ContinuousParameterSpace(0.05, 0.3))
                .temperature(new FixedValue<>(1.0), new ContinuousParameterSpace(0.05, 0.3))
                .schedule(new IntegerParameterSpace(2, 3), new FixedValue<>(1))
                .warmupEpochs(1)
                .maxSearchEpochs(searchEpochs)
                .fineTuneEpochs(fineTuneEpochs)
                .tolerance(TOLERANCE)
                .patience(10)
                .build();
    }
}

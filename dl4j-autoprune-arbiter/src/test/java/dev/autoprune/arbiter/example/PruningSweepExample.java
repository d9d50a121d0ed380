package dev.autoprune.arbiter.example;

import dev.autoprune.arbiter.AutoPruneSpace;
import dev.autoprune.arbiter.PruningSearchSpace;
import dev.autoprune.arbiter.layers.MaskedConvolutionLayerSpace;
import dev.autoprune.arbiter.report.SweepRecorder;
import dev.autoprune.arbiter.report.SweepReport;
import dev.autoprune.arbiter.scoring.BudgetedAccuracyScoreFunction;
import dev.autoprune.arbiter.task.AutoPruneTaskCreator;
import org.deeplearning4j.arbiter.MultiLayerSpace;
import org.deeplearning4j.arbiter.conf.updater.AdamSpace;
import org.deeplearning4j.arbiter.layers.DenseLayerSpace;
import org.deeplearning4j.arbiter.layers.OutputLayerSpace;
import org.deeplearning4j.arbiter.layers.SubsamplingLayerSpace;
import org.deeplearning4j.arbiter.optimize.api.termination.MaxCandidatesCondition;
import org.deeplearning4j.arbiter.optimize.config.OptimizationConfiguration;
import org.deeplearning4j.arbiter.optimize.generator.RandomSearchGenerator;
import org.deeplearning4j.arbiter.optimize.parameter.FixedValue;
import org.deeplearning4j.arbiter.optimize.parameter.continuous.ContinuousParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.discrete.DiscreteParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.integer.IntegerParameterSpace;
import org.deeplearning4j.arbiter.optimize.runner.IOptimizationRunner;
import org.deeplearning4j.arbiter.optimize.runner.LocalOptimizationRunner;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.nio.file.Path;
import java.util.Properties;

/**
 * A random-search sweep over a small prunable LeNet and the AutoPruneListener settings on the
 * embedded Fashion-MNIST subset, scored by hard-masked test accuracy under a FLOPs budget. Prints
 * the table of candidates, names the best, and writes {@code sweep.csv} and {@code sweep.json}.
 *
 * <pre>
 * mvn -q -pl dl4j-autoprune-arbiter test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.autoprune.arbiter.example.PruningSweepExample [-Dexec.args="candidates outDir"]
 * </pre>
 */
public final class PruningSweepExample {

    private PruningSweepExample() {
    }

    /**
     * Runs the sweep.
     *
     * @param args optional: number of candidates (default 4), output folder (default target/arbiter-sweep)
     * @throws Exception if the sweep or the files fail
     */
    public static void main(String[] args) throws Exception {
        int candidates = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        Path out = Path.of(args.length > 1 ? args[1] : "target/arbiter-sweep");
        double flopsBudget = 0.5;

        MultiLayerSpace network = new MultiLayerSpace.Builder()
                .seed(42L)
                .updater(new AdamSpace(new ContinuousParameterSpace(1e-3, 4e-3), new FixedValue<>(0.9),
                        new FixedValue<>(0.999), new FixedValue<>(1e-8))) // all four: AdamSpace(lr) is buggy in beta7
                .addLayer(new MaskedConvolutionLayerSpace.Builder().kernelSize(5, 5).activation(Activation.RELU)
                        .nOut(new DiscreteParameterSpace<>(8, 12)).minChannels(2)
                        .initialRatio(new ContinuousParameterSpace(0.5, 0.8)).build())
                .addLayer(new SubsamplingLayerSpace.Builder().poolingType(SubsamplingLayer.PoolingType.MAX)
                        .kernelSize(2, 2).stride(2, 2).build())
                .addLayer(new MaskedConvolutionLayerSpace.Builder().kernelSize(5, 5).activation(Activation.RELU)
                        .nOut(new DiscreteParameterSpace<>(16, 24)).minChannels(2)
                        .initialRatio(new ContinuousParameterSpace(0.5, 0.8)).build())
                .addLayer(new SubsamplingLayerSpace.Builder().poolingType(SubsamplingLayer.PoolingType.MAX)
                        .kernelSize(2, 2).stride(2, 2).build())
                .addLayer(new DenseLayerSpace.Builder().nOut(64).activation(Activation.RELU).build())
                .addLayer(new OutputLayerSpace.Builder().nOut(10).activation(Activation.SOFTMAX)
                        .lossFunction(LossFunctions.LossFunction.MCXENT).build())
                .setInputType(InputType.convolutional(28, 28, 1))
                .build();
        AutoPruneSpace pruning = AutoPruneSpace.builder()
                .targetFlops(new ContinuousParameterSpace(0.3, 0.5))
                .lambda(new ContinuousParameterSpace(1.0, 6.0))
                .ratioLearningRate(new ContinuousParameterSpace(0.05, 0.3))
                .temperature(new FixedValue<>(1.0), new ContinuousParameterSpace(0.05, 0.3))
                .schedule(new IntegerParameterSpace(2, 3), new FixedValue<>(1))
                .warmupEpochs(1)
                .maxSearchEpochs(2)
                .fineTuneEpochs(1)
                .patience(10)
                .build();

        Properties data = new Properties(); // a few minutes on 2 cores: 2000 weight-step and 500 ratio-step images
        data.setProperty("trainExamples", "2000");
        data.setProperty("ratioExamples", "500");
        data.setProperty("testExamples", "1000");
        BudgetedAccuracyScoreFunction score = new BudgetedAccuracyScoreFunction(flopsBudget);
        OptimizationConfiguration config = new OptimizationConfiguration.Builder()
                .candidateGenerator(new RandomSearchGenerator(new PruningSearchSpace(network, pruning), null))
                .dataSource(EmbeddedFashionMnistSource.class, data)
                .scoreFunction(score)
                .terminationConditions(new MaxCandidatesCondition(candidates))
                .rngSeed(2024)
                .build();
        IOptimizationRunner runner = new LocalOptimizationRunner(config, new AutoPruneTaskCreator());
        SweepRecorder recorder = new SweepRecorder();
        runner.addListeners(recorder);

        long start = System.nanoTime();
        runner.execute();
        double seconds = (System.nanoTime() - start) / 1e9;

        SweepReport report = SweepReport.of(recorder.results(), score.minimize());
        report.write(out.resolve("sweep.csv"));
        report.write(out.resolve("sweep.json"));
        System.out.printf("%nPruning sweep: %d candidates, FLOPs budget %.2f of the unpruned network, %.0f s in all%n%n",
                candidates, flopsBudget, seconds);
        System.out.print(report.table());
        System.out.println("Results: " + out.resolve("sweep.csv") + ", " + out.resolve("sweep.json"));
    }
}

package dev.autoprune.zoo;

import dev.autoprune.AutoPrune;
import dev.autoprune.ChannelPruner;
import dev.autoprune.PrunableOptions;
import dev.autoprune.flops.FlopsCounter;
import dev.autoprune.listener.AutoPruneListener;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.deeplearning4j.zoo.ZooModel;
import org.deeplearning4j.zoo.model.Darknet19;
import org.deeplearning4j.zoo.model.SqueezeNet;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The two zoo models the analysis used to crash on (their {@code LossLayer} heads), pruned for real:
 * made prunable, trained a few iterations on random data at 32x32 with the listener until it is done,
 * compacted (equal to the HARD-masked network), saved and restored with stock {@code ModelSerializer}.
 */
class ZooPruningTest {

    private static final int SIDE = 32;

    private static ZooModel model(String name) {
        int[] shape = {3, SIDE, SIDE};
        return switch (name) {
            case "SqueezeNet" -> SqueezeNet.builder().numClasses(10).inputShape(shape).build();
            case "Darknet19" -> Darknet19.builder().numClasses(10).inputShape(shape).build();
            default -> throw new IllegalArgumentException(name);
        };
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"SqueezeNet", "Darknet19"})
    void prunesCompactsSavesAndRestores(String name, @TempDir File dir) throws IOException {
        Nd4j.getRandom().setSeed(3);
        InputType in = InputType.convolutional(SIDE, SIDE, 3);
        ComputationGraph original = (ComputationGraph) model(name).init();
        ComputationGraph net = AutoPrune.prunable(original, PrunableOptions.builder().inputTypes(in).build());
        List<DataSet> batches = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            INDArray labels = Nd4j.zeros(DataType.FLOAT, 4, 10);
            for (int r = 0; r < 4; r++) {
                labels.putScalar(r, (i * 4 + r) % 10, 1);
            }
            batches.add(new DataSet(Nd4j.rand(DataType.FLOAT, 4, 3, SIDE, SIDE), labels));
        }
        AutoPruneListener pruner = AutoPruneListener.builder().targetFlops(0.5).lambda(5).ratioUpdater(new Adam(0.5))
                .warmupEpochs(0).maxSearchEpochs(2).fineTuneEpochs(1).build();
        net.addListeners(pruner);
        ListDataSetIterator<DataSet> train = new ListDataSetIterator<>(batches, 4);
        for (int epoch = 0; epoch < 3 && !pruner.isDone(); epoch++) {
            net.fit(train);
        }
        assertTrue(pruner.isDone(), name + ": the listener is not done");

        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, SIDE, SIDE);
        INDArray hard = net.outputSingle(x);
        ComputationGraph small = ChannelPruner.compact(net, in);
        assertEquals(0, hard.sub(small.outputSingle(x)).amaxNumber().doubleValue(), 1e-5);
        long full = FlopsCounter.of(original.getConfiguration(), in).totalFlops();
        long after = FlopsCounter.of(small.getConfiguration(), in).totalFlops();
        assertTrue(after < full, name + ": FLOPs " + after + " not below " + full);
        assertFalse(small.getConfiguration().toJson().contains("dev.autoprune"), "no mask layer is left");

        File file = new File(dir, name + ".zip");
        ModelSerializer.writeModel(small, file, true);
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(file);
        assertArrayEquals(small.outputSingle(x).data().asFloat(), restored.outputSingle(x).data().asFloat());
        System.out.printf("%s at %dx%d: FLOPs %d -> %d (%.3f), parameters %d -> %d, hard fraction %.3f%n", name, SIDE,
                SIDE, full, after, after / (double) full, original.numParams(), small.numParams(), pruner.hardFraction());
    }
}

package dev.autoprune.examples;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PretrainedPruningExampleTest {

    @Test
    void savedModelIsThePlainCompactedNetwork(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("pruned.zip");
        ExampleResult r = PretrainedPruningExample.run(TinyData.train(64), TinyData.test(64), 1, 1, 30, file);
        MultiLayerNetwork unpruned = LeNet.demo(7);
        double control = ExampleAssertions.control(unpruned, TinyData.train(64), TinyData.test(64), r.epochs());
        ExampleAssertions.prunedAndPlain(r, ExampleAssertions.TARGET_HALF, ExampleAssertions.TEN_CLASSES, control);

        MultiLayerNetwork loaded = ModelSerializer.restoreMultiLayerNetwork(file.toFile());
        MultiLayerNetwork small = (MultiLayerNetwork) r.compacted();
        INDArray x = TinyData.test(8).next().getFeatures();
        assertEquals(small.output(x), loaded.output(x), "saved model computes something else");
        assertEquals(small.numParams(), loaded.numParams());
        assertTrue(loaded.getLayer("conv2").getParam("W").size(0) < 32, "conv2 not pruned");
    }
}

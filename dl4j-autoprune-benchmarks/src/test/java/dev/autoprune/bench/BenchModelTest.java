package dev.autoprune.bench;

import dev.autoprune.examples.ResidualGraphExample;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The network/graph seam of the latency benchmark, on the residual graph. */
class BenchModelTest {

    static BenchModel residual(int width) {
        return BenchModel.of(ResidualGraphExample.configuration(width, 1), InputType.convolutional(28, 28, 1));
    }

    @Test
    void aGraphIsMadePrunableCompactedAndTimedVertexByVertex() {
        BenchModel base = residual(4);
        assertTrue(base.isGraph());
        BenchModel prunable = base.prunable();
        assertEquals(3, prunable.groups().masked().size(), "the tied residual group and each block's inner group");
        BenchModel compact = prunable.compact();
        assertEquals(base.flops(), compact.flops(), "nothing masked yet: compaction keeps every channel");
        Map<String, Double> micros = compact.layerMicros(new NetworkLatency(1),
                Nd4j.rand(DataType.FLOAT, 2, 1, 28, 28));
        assertTrue(micros.containsKey("block1_add") && micros.containsKey("block2_add"),
                "element-wise adds are timed as vertices: " + micros.keySet());
        assertFalse(micros.containsKey("in"), "the input vertex costs nothing");
        assertEquals(base.model().getClass(), compact.model().getClass());
        micros.values().forEach(v -> assertTrue(v > 0, micros.toString()));
    }

    @Test
    void aContinuedCopyKeepsTheOptimiserStateAFreshCopyStartsItAgain() {
        BenchModel base = BenchNets.Net.LENET.network(3, 1e-3);
        base.fit(TinyImages.of(32, 5).iterator(dev.autoprune.examples.data.BatchOptions.of(16)));
        var state = base.multiLayer().getUpdater().getStateViewArray();
        assertTrue(state.sumNumber().doubleValue() != 0, "Adam has moments after two steps");

        BenchModel continued = base.continuedCopy();
        assertEquals(state, continued.multiLayer().getUpdater().getStateViewArray());
        assertEquals(base.multiLayer().params(), continued.multiLayer().params());
        BenchModel fresh = base.freshCopy();
        assertEquals(base.multiLayer().params(), fresh.multiLayer().params());
        var freshState = fresh.multiLayer().getUpdater().getStateViewArray();
        assertEquals(0.0, freshState.sumNumber().doubleValue(), "a fresh copy's Adam starts from zero moments");
    }

    @Test
    void refusesAGraphWithTwoOutputs() {
        var conf = new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder().graphBuilder().addInputs("in")
                .addLayer("a", new org.deeplearning4j.nn.conf.layers.OutputLayer.Builder().nIn(2).nOut(2).build(), "in")
                .addLayer("b", new org.deeplearning4j.nn.conf.layers.OutputLayer.Builder().nIn(2).nOut(2).build(), "in")
                .setOutputs("a", "b").build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BenchModel.of(conf, InputType.feedForward(2)));
        assertTrue(e.getMessage().contains("one input and one output"), e.getMessage());
    }
}

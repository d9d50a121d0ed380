package dev.autoprune.examples;

import dev.autoprune.layers.MaskedLayer;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every example must end with: a plain network, smaller than the full one, that still classifies. */
final class ExampleAssertions {

    private ExampleAssertions() {
    }

    static void prunedAndPlain(ExampleResult r) {
        Layer[] layers = r.compacted() instanceof MultiLayerNetwork m ? m.getLayers()
                : ((ComputationGraph) r.compacted()).getLayers();
        assertAll(
                () -> assertTrue(r.flopsAfter() < r.flopsBefore(),
                        "FLOPs not reduced: " + r.flopsBefore() + " -> " + r.flopsAfter()),
                () -> assertTrue(r.flopsAfter() > 0, "no FLOPs left"),
                () -> {
                    for (Layer l : layers) {
                        assertFalse(l instanceof MaskedLayer, "mask left in the compacted network: "
                                + l.conf().getLayer().getLayerName());
                    }
                },
                () -> assertTrue(r.accuracy() >= 0 && r.accuracy() <= 1, "accuracy " + r.accuracy()));
    }
}

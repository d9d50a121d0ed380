package dev.autoprune.examples;

import dev.autoprune.layers.MaskedLayer;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every example must end with: a plain network whose hard FLOPs landed near the target, with
 * fewer parameters than the full one, that still classifies: clearly above chance and close to an
 * unpruned control trained as long on the same data. Each check fails when pruning does not happen
 * (FLOPs fraction near 1, same parameters) or the network stops classifying (accuracy at chance).
 */
final class ExampleAssertions {

    private ExampleAssertions() {
    }

    /**
     * The examples' target (half the FLOPs): a short search on tiny data lands within 0.15 of it; a
     * listener that barely moves the ratios (fraction near 1) does not.
     */
    static final FlopsBand TARGET_HALF = new FlopsBand(0.5, 0.15, 0.15);

    /**
     * Ten classes (Fashion-MNIST): chance is 0.1; the pruned network must reach 0.25 and stay within
     * 0.15 of the control (on a few hundred images, trained for a few epochs).
     */
    static final Classes TEN_CLASSES = new Classes(0.1, 0.15, 0.15);

    /** Two classes (bright and dark squares, an easy task): chance is 0.5; the network must reach 0.75. */
    static final Classes TWO_CLASSES = new Classes(0.5, 0.25, 0.15);

    /**
     * What "still classifies" means for a task.
     *
     * @param chance       the accuracy of guessing (1 / classes)
     * @param aboveChance  how far above chance the pruned network must be
     * @param belowControl how far below the unpruned control it may be
     */
    record Classes(double chance, double aboveChance, double belowControl) {
    }

    /** The band around the FLOPs target the hard fraction must land in, given a short search. */
    record FlopsBand(double target, double below, double above) {
        boolean contains(double fraction) {
            return fraction >= target - below && fraction <= target + above;
        }

        @Override
        public String toString() {
            return "[" + (target - below) + ", " + (target + above) + "]";
        }
    }

    /**
     * Checks an example's outcome.
     *
     * @param r       the example's result
     * @param band    where the hard FLOPs fraction must land
     * @param classes chance and the accuracy margins of the task
     * @param control the test accuracy of the unpruned control, trained as many epochs on the same data
     */
    static void prunedAndPlain(ExampleResult r, FlopsBand band, Classes classes, double control) {
        double chance = classes.chance();
        Layer[] layers = r.compacted() instanceof MultiLayerNetwork m ? m.getLayers()
                : ((ComputationGraph) r.compacted()).getLayers();
        String numbers = "FLOPs " + r.flopsBefore() + " -> " + r.flopsAfter() + " (" + r.flopsFraction() + "), params "
                + r.paramsBefore() + " -> " + r.paramsAfter() + ", accuracy " + r.accuracy() + " (control " + control
                + ", chance " + chance + "), epochs " + r.epochs();
        System.out.println(numbers);
        assertAll(
                () -> assertTrue(band.contains(r.flopsFraction()),
                        "hard FLOPs fraction outside " + band + ": " + numbers),
                () -> assertTrue(r.paramsAfter() < r.paramsBefore(), "no parameter removed: " + numbers),
                () -> {
                    for (Layer l : layers) {
                        assertFalse(l instanceof MaskedLayer, "mask left in the compacted network: "
                                + l.conf().getLayer().getLayerName());
                    }
                },
                () -> assertTrue(r.accuracy() >= chance + classes.aboveChance(), "not clearly above chance: " + numbers),
                () -> assertTrue(r.accuracy() >= control - classes.belowControl(),
                        "far below the unpruned control: " + numbers));
    }

    /** Test accuracy of an unpruned network trained for {@code epochs} passes over {@code train}. */
    static double control(Model net, DataSetIterator train, DataSetIterator test, int epochs) {
        for (int e = 0; e < epochs; e++) {
            train.reset();
            if (net instanceof MultiLayerNetwork m) {
                m.fit(train);
            } else {
                ((ComputationGraph) net).fit(train);
            }
        }
        test.reset();
        return net instanceof MultiLayerNetwork m ? m.evaluate(test).accuracy()
                : ((ComputationGraph) net).evaluate(test).accuracy();
    }
}

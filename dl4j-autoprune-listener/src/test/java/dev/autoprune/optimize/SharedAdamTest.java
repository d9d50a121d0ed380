package dev.autoprune.optimize;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Validation, the step rule against per-coordinate Adam, state and serialisation of {@link SharedAdam}. */
class SharedAdamTest {

    /** Runs {@code steps} steps of {@code config} on a constant gradient from zero; returns the total movement. */
    private static double[] moved(IUpdater config, double[] gradient, int steps) {
        INDArray state = Nd4j.zeros(DataType.DOUBLE, 1, config.stateSize(gradient.length));
        GradientUpdater<?> u = config.instantiate(state, true);
        double[] total = new double[gradient.length];
        for (int t = 0; t < steps; t++) {
            INDArray g = Nd4j.createFromArray(gradient.clone()).reshape(1, gradient.length);
            u.applyUpdater(g, t, 0);
            double[] step = g.toDoubleVector();
            for (int i = 0; i < total.length; i++) {
                total[i] += step[i];
            }
        }
        return total;
    }

    @Test
    void badValuesAreRefusedNamingTheValue() {
        IllegalArgumentException lr = assertThrows(IllegalArgumentException.class, () -> new SharedAdam(0));
        assertTrue(lr.getMessage().contains("learningRate must be > 0 and finite, found 0.0"), lr.getMessage());
        IllegalArgumentException b1 = assertThrows(IllegalArgumentException.class,
                () -> new SharedAdam(0.1, 1.0, 0.999, 1e-8));
        assertTrue(b1.getMessage().contains("beta1"), b1.getMessage());
        IllegalArgumentException b2 = assertThrows(IllegalArgumentException.class,
                () -> new SharedAdam(0.1, 0.9, -0.1, 1e-8));
        assertTrue(b2.getMessage().contains("beta2"), b2.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SharedAdam(0.1, 0.9, 0.999, 0));
        assertThrows(IllegalArgumentException.class, () -> new SharedAdam(0.1).setLrAndSchedule(Double.NaN, null));
    }

    @Test
    void coordinatesWithDifferentGradientsMoveInProportionWhereAdamMovesThemAlike() {
        double[] gradient = {0.01, 0.03}; // e.g. two groups' theta, the second three times as costly to keep
        double[] shared = moved(new SharedAdam(0.05), gradient, 20);
        double[] adam = moved(new Adam(0.05), gradient, 20);
        assertEquals(3.0, shared[1] / shared[0], 1e-9, "SharedAdam keeps the gradients' relative sizes");
        assertEquals(1.0, adam[1] / adam[0], 1e-3, "per-coordinate Adam moves both by the same amount");
        // The step of the vector as a whole is normalised as in Adam: the root mean square step is lr.
        double rms = Math.sqrt((shared[0] * shared[0] + shared[1] * shared[1]) / 2) / 20;
        assertEquals(0.05, rms, 1e-6);
    }

    @Test
    void theStepDoesNotDependOnTheGradientsScale() {
        double[] small = moved(new SharedAdam(0.05), new double[] {1e-2, -3e-2, 2e-2}, 5);
        double[] large = moved(new SharedAdam(0.05), new double[] {1e2, -3e2, 2e2}, 5);
        assertArrayEquals(small, large, 1e-6, "equal but for epsilon's share");
    }

    @Test
    void theFirstStepIsTheNormalisedGradient() {
        double[] g = {3, 4};
        double[] step = moved(new SharedAdam(0.1), g, 1);
        double rms = Math.sqrt((9 + 16) / 2.0);
        assertArrayEquals(new double[] {0.1 * 3 / rms, 0.1 * 4 / rms}, step, 1e-7);
    }

    @Test
    void aSavedStateContinuesExactlyAsAnUninterruptedRun() {
        SharedAdam config = new SharedAdam(0.05);
        double[][] gradients = {{0.3, -0.1, 0.2}, {0.1, 0.1, -0.4}, {-0.2, 0.5, 0.0}, {0.05, 0.05, 0.05}};
        INDArray state = Nd4j.zeros(DataType.DOUBLE, 1, config.stateSize(3));
        assertEquals(4, state.length(), "n first moments and one second moment");
        GradientUpdater<?> whole = config.instantiate(state, true);
        double[][] expected = new double[4][];
        double[] savedAfterTwo = null;
        for (int t = 0; t < 4; t++) {
            INDArray g = Nd4j.createFromArray(gradients[t].clone()).reshape(1, 3);
            whole.applyUpdater(g, t, 0);
            expected[t] = g.toDoubleVector();
            if (t == 1) {
                savedAfterTwo = state.toDoubleVector();
            }
        }
        INDArray restored = Nd4j.createFromArray(savedAfterTwo).reshape(1, 4);
        GradientUpdater<?> resumed = config.instantiate(restored, false);
        for (int t = 2; t < 4; t++) {
            INDArray g = Nd4j.createFromArray(gradients[t].clone()).reshape(1, 3);
            resumed.applyUpdater(g, t, 0);
            assertArrayEquals(expected[t], g.toDoubleVector(), 0.0);
        }
        assertEquals(savedAfterTwo.length, resumed.getState().get(SharedAdamUpdater.M_STATE).length() + 1);
    }

    @Test
    void aGradientOfTheWrongLengthIsRefused() {
        GradientUpdater<?> u = new SharedAdam(0.05).instantiate(Nd4j.zeros(DataType.DOUBLE, 1, 4), true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> u.applyUpdater(Nd4j.ones(DataType.DOUBLE, 1, 2), 0, 0));
        assertTrue(e.getMessage().contains("gradient has 2 values, the state was made for 3"), e.getMessage());
    }

    @Test
    void configurationsCompareByValueAndSurviveJavaSerialisation() throws Exception {
        SharedAdam a = new SharedAdam(0.02, 0.8, 0.99, 1e-6);
        assertEquals(a, new SharedAdam(0.02, 0.8, 0.99, 1e-6));
        assertEquals(a.hashCode(), new SharedAdam(0.02, 0.8, 0.99, 1e-6).hashCode());
        assertNotEquals(a, new SharedAdam(0.03, 0.8, 0.99, 1e-6));
        assertEquals(a, a.clone());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(a);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertEquals(a, in.readObject());
        }
    }

    @Test
    void aScheduleSetsTheLearningRate() {
        SharedAdam a = new SharedAdam(0.1);
        a.setLrAndSchedule(0.1, new ExponentialSchedule(ScheduleType.ITERATION, 0.1, 0.5));
        assertEquals(0.025, a.getLearningRate(2, 0), 1e-12);
        assertEquals(0.025, a.clone().getLearningRate(2, 0), 1e-12);
    }

    @Test
    void itServesAsALayerUpdaterThroughDl4jsJson() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().updater(new SharedAdam(0.01)).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(3).build())
                .layer(new OutputLayer.Builder().nIn(3).nOut(2).build()).build();
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(conf.toJson());
        assertEquals(new SharedAdam(0.01), ((BaseLayer) back.getConf(0).getLayer()).getIUpdater());
    }
}

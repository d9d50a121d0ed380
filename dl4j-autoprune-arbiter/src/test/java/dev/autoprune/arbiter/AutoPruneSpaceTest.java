package dev.autoprune.arbiter;

import dev.autoprune.listener.AutoPruneListener;
import dev.autoprune.listener.InvalidSettingException;
import dev.autoprune.listener.PruneSettings;
import org.deeplearning4j.arbiter.optimize.api.Candidate;
import org.deeplearning4j.arbiter.optimize.generator.RandomSearchGenerator;
import org.deeplearning4j.arbiter.optimize.parameter.FixedValue;
import org.deeplearning4j.arbiter.optimize.parameter.continuous.ContinuousParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.discrete.DiscreteParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.integer.IntegerParameterSpace;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.learning.config.Adam;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** AutoPruneSpace and PruneSettings: validation first, then draws, then the JSON round trip. */
class AutoPruneSpaceTest {

    // ------------------------------------------------------------------ validation

    @Test
    void targetRangeOutsideOpenUnitIntervalIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AutoPruneSpace.builder()
                .targetFlops(new ContinuousParameterSpace(0.5, 1.2)).build());
        assertEquals("AutoPruneSpace: targetFlops must lie inside (0.0, 1.0), found range [0.5, 1.2]", e.getMessage());
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> AutoPruneSpace.builder()
                .targetFlops(new DiscreteParameterSpace<>(0.0, 0.5)).build());
        assertTrue(zero.getMessage().contains("found range [0, 0.5]"), zero.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AutoPruneSpace.builder().targetFlops(1.0).build());
    }

    @Test
    void missingTargetIsRefusedWithAnExample() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AutoPruneSpace.builder().lambda(1.0).build());
        assertTrue(e.getMessage().startsWith("AutoPruneSpace: targetFlops is required"), e.getMessage());
    }

    @Test
    void everyOtherRangeIsCheckedAndNamed() {
        assertRefused("lambda must be >= 0", b -> b.lambda(new ContinuousParameterSpace(-1, 1)));
        assertRefused("ratioLearningRate must be > 0", b -> b.ratioLearningRate(0.0));
        assertRefused("temperatureEnd must be > 0", b -> b.temperature(new FixedValue<>(1.0), new FixedValue<>(0.0)));
        assertRefused("weightSteps must be >= 1", b -> b.schedule(new IntegerParameterSpace(0, 3), new FixedValue<>(1)));
        assertRefused("ratioSteps must be >= 1", b -> b.schedule(1, 0));
        assertRefused("warmupEpochs must be >= 0", b -> b.warmupEpochs(-1));
        assertRefused("maxSearchEpochs must be >= 1", b -> b.maxSearchEpochs(new IntegerParameterSpace(0, 2)));
        assertRefused("fineTuneEpochs must be >= 0", b -> b.fineTuneEpochs(-2));
        assertRefused("tolerance must lie inside (0.0, 1.0)", b -> b.tolerance(1.5));
        assertRefused("patience must be >= 1", b -> b.patience(0));
    }

    @Test
    void overlappingTemperatureRangesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AutoPruneSpace.builder()
                .targetFlops(0.5)
                .temperature(new ContinuousParameterSpace(0.5, 1.0), new ContinuousParameterSpace(0.1, 0.6)).build());
        assertTrue(e.getMessage().contains("temperatureEnd range [0.1, 0.6] reaches above temperatureStart range [0.5, 1]"),
                e.getMessage());
    }

    @Test
    void rangeChecksLeaveTheCallersSpacesUntouched() {
        ContinuousParameterSpace target = new ContinuousParameterSpace(0.3, 0.6);
        AutoPruneSpace.builder().targetFlops(target).build();
        // Arbiter has not assigned an index yet, so drawing must still fail: the probe used a copy.
        assertThrows(IllegalStateException.class, () -> target.getValue(new double[] {0.5}));
    }

    @Test
    void drawsBecomeTheListenersOwnValidatedSettings() {
        // Each draw is built by the listener's PruneSettings, so it is refused with the listener's message.
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> PruneSettings.builder().target(0.5).temperature(0.1, 0.5).build());
        assertEquals("PruneSettings: temperatureEnd must be in (0, temperatureStart=0.1], found 0.5", e.getMessage());
        assertEquals("temperatureEnd", e.setting());
        assertThrows(IllegalArgumentException.class, () -> PruneSettings.builder().target(1.5).build());
        assertRefused("ratioLearningRate", b -> b.ratioLearningRate(-1));
    }

    // ------------------------------------------------------------------ behaviour

    @Test
    void drawsAreInRangeAndBecomeListenerSettings() {
        AutoPruneSpace space = AutoPruneSpace.builder()
                .targetFlops(new ContinuousParameterSpace(0.3, 0.6))
                .lambda(new ContinuousParameterSpace(0.5, 4.0))
                .ratioLearningRate(new DiscreteParameterSpace<>(0.01, 0.1))
                .temperature(new FixedValue<>(2.0), new ContinuousParameterSpace(0.01, 0.5))
                .schedule(new IntegerParameterSpace(1, 4), new FixedValue<>(2))
                .warmupEpochs(new IntegerParameterSpace(0, 2))
                .maxSearchEpochs(3)
                .fineTuneEpochs(new IntegerParameterSpace(0, 1))
                .build();
        assertEquals(7, space.numParameters(), "seven searched leaves, three fixed values");
        RandomSearchGenerator gen = new RandomSearchGenerator(space, null);
        gen.setRngSeed(3);
        for (int i = 0; i < 20; i++) {
            Candidate<?> c = gen.getCandidate();
            PruneSettings s = (PruneSettings) c.getValue();
            PruneSettings l = AutoPruneListener.builder().settings(s).build().settings();
            assertEquals(s, l, "the listener keeps the drawn settings");
            assertTrue(l.penalty().target() >= 0.3 && l.penalty().target() <= 0.6);
            assertTrue(l.penalty().lambda() >= 0.5 && l.penalty().lambda() <= 4.0);
            double lr = ((Adam) l.ratioUpdater()).getLearningRate();
            assertTrue(lr == 0.01 || lr == 0.1, "lr " + lr);
            assertEquals(0.9, ((Adam) l.ratioUpdater()).getBeta1(), "DL4J's default beta1, not AdamSpace's bug");
            assertEquals(2.0, l.temperature().start());
            assertTrue(l.temperature().end() >= 0.01 && l.temperature().end() <= 0.5);
            assertTrue(l.weightSteps() >= 1 && l.weightSteps() <= 4);
            assertEquals(2, l.ratioSteps());
            assertTrue(l.warmupEpochs() >= 0 && l.warmupEpochs() <= 2);
            assertEquals(3, l.maxSearchEpochs());
        }
    }

    @Test
    void unsearchedSettingsKeepTheListenerDefaults() {
        AutoPruneSpace space = AutoPruneSpace.builder().targetFlops(0.4).build();
        PruneSettings fromSettings = AutoPruneListener.builder().settings(space.getValue(new double[0])).build().settings();
        PruneSettings defaults = AutoPruneListener.builder().targetFlops(0.4).build().settings();
        assertEquals(defaults, fromSettings);
        assertEquals(defaults.penalty().lambda(), fromSettings.penalty().lambda());
        assertEquals(defaults.maxSearchEpochs(), fromSettings.maxSearchEpochs());
        assertEquals(defaults.temperature().end(), fromSettings.temperature().end());
        Map<String, Object> searched = space.searchedValues(new double[0]);
        assertEquals(Map.of("targetFlops", 0.4), searched, "only the target was searched");
    }

    // ------------------------------------------------------------------ serialisation

    @Test
    void jsonRoundTripKeepsEverySpace() {
        AutoPruneSpace space = TestSpaces.quickPruning();
        String json = space.toJson();
        AutoPruneSpace back = AutoPruneSpace.fromJson(json);
        assertNotSame(space, back);
        assertEquals(space, back);
        assertEquals(json, back.toJson());
        assertTrue(json.contains("\"targetFlops\""), json);
    }

    @Test
    void jsonOfSomethingElseIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AutoPruneSpace.fromJson("[1, 2]"));
        assertTrue(e.getMessage().startsWith("Cannot read a AutoPruneSpace from JSON"), e.getMessage());
    }

    private static void assertRefused(String expected, java.util.function.UnaryOperator<AutoPruneSpace.Builder> edit) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> edit.apply(AutoPruneSpace.builder().targetFlops(0.5)).build());
        assertTrue(e.getMessage().startsWith("AutoPruneSpace: " + expected), e.getMessage());
    }
}

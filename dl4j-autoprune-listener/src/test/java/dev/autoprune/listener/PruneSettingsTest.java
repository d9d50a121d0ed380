package dev.autoprune.listener;

import dev.autoprune.importance.ChannelImportance;
import dev.autoprune.optimize.SharedAdam;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.reflect.Field;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PruneSettings: validation first, then equality and differences, then the serialisation round trip. */
class PruneSettingsTest {

    private static void refused(String setting, Object value, UnaryOperator<PruneSettings.Builder> edit) {
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> edit.apply(PruneSettings.builder()).build());
        assertEquals(setting, e.setting());
        assertEquals(value, e.value());
        assertTrue(e.getMessage().startsWith("PruneSettings: " + setting + " must "), e.getMessage());
        assertTrue(e.getMessage().endsWith(", found " + value), e.getMessage());
    }

    @Test
    void everyBadValueIsRefusedNamingTheSettingAndTheValue() {
        refused("target", 0.0, b -> b.target(0));
        refused("target", 1.0, b -> b.target(1));
        refused("lambda", -1.0, b -> b.lambda(-1));
        refused("lambda", Double.POSITIVE_INFINITY, b -> b.lambda(Double.POSITIVE_INFINITY));
        refused("weightSteps", 0, b -> b.schedule(0, 1));
        refused("ratioSteps", 0, b -> b.schedule(1, 0));
        refused("warmupEpochs", -2, b -> b.warmupEpochs(-2));
        refused("maxSearchEpochs", 0, b -> b.maxSearchEpochs(0));
        refused("fineTuneEpochs", -1, b -> b.fineTuneEpochs(-1));
        refused("patience", 0, b -> b.patience(0));
        refused("temperatureStart", 0.0, b -> b.temperature(0, 0));
        refused("temperatureEnd", 2.0, b -> b.temperature(1, 2));
        refused("tolerance", 1.0, b -> b.tolerance(1));
        refused("minSearchIterations", -1, b -> b.minSearchIterations(-1));
        Executable nullUpdater = () -> PruneSettings.builder().ratioUpdater(null).build();
        assertThrows(NullPointerException.class, nullUpdater);
        assertThrows(NullPointerException.class, () -> PruneSettings.builder().scoreUpdater(null).build());
        assertThrows(NullPointerException.class, () -> PruneSettings.builder().importance(null).build());
    }

    @Test
    void aMinimumOfSearchIterationsRepeatsShortEpochsOnly() {
        PruneSettings off = PruneSettings.builder().maxSearchEpochs(3).fineTuneEpochs(1).build();
        assertEquals(3, off.searchEpochs(1));
        assertEquals(5, off.maxTotalEpochs(1));
        PruneSettings on = off.toBuilder().minSearchIterations(200).build();
        assertEquals(3, on.searchEpochs(0), "unknown iterations per epoch: the epochs as set");
        assertEquals(3, on.searchEpochs(94), "3 x 94 >= 200: long epochs are not repeated");
        assertEquals(4, on.searchEpochs(60));
        assertEquals(200, on.searchEpochs(1));
        assertEquals(1 + 200 + 1, on.maxTotalEpochs(1));
        assertEquals(List.of("minSearchIterations: 200 vs 0"), on.differences(off));
    }

    @Test
    void theListenerBuilderHasTheSameDefaultsAndSetters() {
        assertEquals(PruneSettings.defaults(), AutoPruneListener.builder().build().settings());
        PruneSettings s = PruneSettings.builder().target(0.3).lambda(4).schedule(2, 3).warmupEpochs(0)
                .maxSearchEpochs(7).temperature(2, 0.1).ratioUpdater(new Sgd(0.1)).scoreUpdater(new Sgd(0.2)).tolerance(0.05).patience(4)
                .fineTuneEpochs(2).importance(ChannelImportance.l1()).build();
        PruneSettings viaListener = AutoPruneListener.builder().targetFlops(0.3).lambda(4).schedule(2, 3).warmupEpochs(0)
                .maxSearchEpochs(7).temperature(2, 0.1).ratioUpdater(new Sgd(0.1)).scoreUpdater(new Sgd(0.2)).tolerance(0.05).patience(4)
                .fineTuneEpochs(2).importance(ChannelImportance.l1()).build().settings();
        assertEquals(s, viaListener);
        assertEquals(s, AutoPruneListener.builder().settings(s).build().settings());
        assertEquals(s, s.toBuilder().build());
        assertEquals(0.3, s.penalty().target());
        assertEquals(0.1, s.temperature().end());
    }

    @Test
    void thePenaltyAimsHalfTheToleranceBelowTheTargetAndStaysAboveZero() {
        PruneSettings s = PruneSettings.builder().target(0.3).tolerance(0.05).lambda(2).build();
        assertEquals(0.275, s.penalty().aim(), 1e-12);
        assertEquals(0.0, s.penalty().value(0.275), 1e-12);
        assertTrue(s.penalty().value(0.3) > 0, "the target itself is penalised: the rule accepts nothing above it");
        assertTrue(s.penalty().derivative(0.3) > 0 && s.penalty().derivative(0.26) < 0);
        // A tolerance wider than the target: the aim is T / 2, never 0 or below.
        PruneSettings tiny = PruneSettings.builder().target(0.01).tolerance(0.02).build();
        assertEquals(0.005, tiny.penalty().aim(), 1e-12);
        assertEquals(0.29, PruneSettings.builder().target(0.3).build().penalty().aim(), 1e-12, "default tolerance 0.02");
    }

    @Test
    void equalityAndDifferencesGoByValue() {
        PruneSettings a = PruneSettings.builder().lambda(3).ratioUpdater(new Adam(0.01)).build();
        PruneSettings b = PruneSettings.builder().lambda(3).ratioUpdater(new Adam(0.01)).build();
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertEquals(List.of(), a.differences(b));
        PruneSettings c = a.toBuilder().lambda(4).importance(ChannelImportance.l2()).build();
        assertNotEquals(a, c);
        assertEquals(List.of("lambda: 3.0 vs 4.0", "importance: bn-gamma vs l2"), a.differences(c));
    }

    @Test
    void theUpdaterCannotBeChangedFromOutside() {
        Adam given = new Adam(0.05);
        PruneSettings s = PruneSettings.builder().ratioUpdater(given).build();
        given.setLearningRate(9);
        ((Adam) s.ratioUpdater()).setLearningRate(7);
        ((Adam) s.toMap().get("ratioUpdater")).setLearningRate(5);
        assertEquals(0.05, ((Adam) s.ratioUpdater()).getLearningRate());
    }

    @Test
    void serialisationRoundTripKeepsEveryValue() throws Exception {
        PruneSettings s = PruneSettings.builder().target(0.35).lambda(1.5).schedule(3, 2).warmupEpochs(2)
                .temperature(1.5, 0.2).ratioUpdater(new SharedAdam(0.02)).scoreUpdater(new Adam(0.03))
                .importance(ChannelImportance.l1()).build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(s);
        }
        Object back;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            back = in.readObject();
        }
        assertNotSame(s, back);
        assertEquals(s, back);
        assertEquals(s.toMap(), ((PruneSettings) back).toMap());
    }

    @Test
    void theScoreUpdaterDefaultsToTheAdamTheRatiosHadAndDiffersByName() {
        assertEquals(new Adam(0.05), PruneSettings.defaults().scoreUpdater());
        assertEquals(new Adam(0.05), PruneSettings.defaults().ratioUpdater());
        PruneSettings shared = PruneSettings.builder().ratioUpdater(new SharedAdam(0.05)).build();
        assertEquals(List.of("ratioUpdater: Adam(learningRate=0.05, learningRateSchedule=null, beta1=0.9, beta2=0.999, "
                + "epsilon=1.0E-8) vs SharedAdam(learningRate=0.05, beta1=0.9, beta2=0.999, epsilon=1.0E-8)"),
                PruneSettings.defaults().differences(shared));
    }

    @Test
    void settingsWrittenBeforeTheScoreUpdaterReadWithTheRatioUpdaterForBoth() throws Exception {
        PruneSettings s = PruneSettings.builder().ratioUpdater(new Sgd(0.3)).build();
        Field f = PruneSettings.class.getDeclaredField("scoreUpdater");
        f.setAccessible(true);
        f.set(s, null); // what Java serialisation leaves in settings written before the field existed
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(s);
        }
        PruneSettings back;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            back = (PruneSettings) in.readObject();
        }
        assertEquals(new Sgd(0.3), back.scoreUpdater());
        assertEquals(new Sgd(0.3), back.ratioUpdater());
    }

    @Test
    void theStoppingRuleAcceptsOnlyFractionsAtOrBelowTheTargetWithinTheTolerance() {
        PruneSettings s = PruneSettings.builder().target(0.1).tolerance(0.02).build();
        assertTrue(s.meetsTarget(0.1));
        assertTrue(s.meetsTarget(0.09));
        assertTrue(s.meetsTarget(0.08));
        assertFalse(s.meetsTarget(0.1001), "never above the target");
        assertFalse(s.meetsTarget(0.11));
        assertFalse(s.meetsTarget(0.0799), "not more than the tolerance below it");
    }
}

package dev.autoprune.arbiter.impl;

import org.deeplearning4j.arbiter.optimize.api.AbstractParameterSpace;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.FixedValue;
import org.deeplearning4j.arbiter.optimize.parameter.continuous.ContinuousParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.discrete.DiscreteParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.integer.IntegerParameterSpace;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ranges of Arbiter's numeric spaces, found at build time without touching the caller's space. */
class SpaceRangesTest {

    /** A user's own leaf space: no build-time range, checked when drawn. */
    static final class OwnSpace extends AbstractParameterSpace<Integer> {
        @Override
        public Integer getValue(double[] parameterValues) {
            return 3;
        }

        @Override
        public int numParameters() {
            return 1;
        }

        @Override
        public java.util.List<ParameterSpace> collectLeaves() {
            return java.util.List.of(this);
        }

        @Override
        public Map<String, ParameterSpace> getNestedSpaces() {
            return Map.of();
        }

        @Override
        public boolean isLeaf() {
            return true;
        }

        @Override
        public void setIndices(int... indices) {
        }
    }

    @Test
    void arbitersNumericSpacesHaveTheirRange() {
        assertEquals(new SpaceRanges.Range(4, 4), SpaceRanges.of("f", new FixedValue<>(4)).orElseThrow());
        assertEquals(new SpaceRanges.Range(2, 9), SpaceRanges.of("f", new IntegerParameterSpace(2, 9)).orElseThrow());
        SpaceRanges.Range c = SpaceRanges.of("f", new ContinuousParameterSpace(0.25, 0.75)).orElseThrow();
        assertEquals(0.25, c.min(), 1e-12);
        assertEquals(0.75, c.max(), 1e-12);
        assertEquals(new SpaceRanges.Range(1, 8), SpaceRanges.of("f", new DiscreteParameterSpace<>(4, 1, 8)).orElseThrow());
    }

    @Test
    void theCallersSpaceKeepsItsIndices() {
        IntegerParameterSpace space = new IntegerParameterSpace(2, 9);
        space.setIndices(3);
        SpaceRanges.of("f", space);
        assertEquals(9, space.getValue(new double[] {0, 0, 0, 1.0}));
    }

    @Test
    void otherSpacesHaveNoBuildTimeRange() {
        assertTrue(SpaceRanges.of("f", null).isEmpty());
        assertTrue(SpaceRanges.of("f", new OwnSpace()).isEmpty());
    }

    @Test
    void nonNumbersAreRefusedNamingTheField() {
        @SuppressWarnings({"rawtypes", "unchecked"})
        ParameterSpace<? extends Number> words = (ParameterSpace) new FixedValue<>("x");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SpaceRanges.of("minChannels", words));
        assertTrue(e.getMessage().contains("minChannels"), e.getMessage());
    }
}

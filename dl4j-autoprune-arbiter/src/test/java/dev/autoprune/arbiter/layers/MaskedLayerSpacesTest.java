package dev.autoprune.arbiter.layers;

import dev.autoprune.layers.ChannelMaskLayer;
import dev.autoprune.layers.MaskedConvolutionLayer;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.continuous.ContinuousParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.discrete.DiscreteParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.integer.IntegerParameterSpace;
import org.deeplearning4j.arbiter.optimize.serde.jackson.JsonMapper;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The masked layer spaces: refused ranges first, then values, then JSON. */
class MaskedLayerSpacesTest {

    @Test
    void minChannelsAboveTheWidthIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MaskedConvolutionLayerSpace.Builder()
                .nOut(new IntegerParameterSpace(4, 16)).minChannels(new IntegerParameterSpace(2, 6)).build());
        assertTrue(e.getMessage().startsWith("MaskedConvolutionLayerSpace: minChannels range [2, 6] reaches above the nOut "
                + "range [4, 16]"), e.getMessage());
        IllegalArgumentException m = assertThrows(IllegalArgumentException.class,
                () -> new ChannelMaskLayerSpace.Builder().channels(3).minChannels(4).build());
        assertTrue(m.getMessage().startsWith("ChannelMaskLayerSpace: minChannels range [4, 4] reaches above the channels"),
                m.getMessage());
    }

    @Test
    void maskSettingRangesAreCheckedAndNamed() {
        assertEquals("MaskedConvolutionLayerSpace: initialRatio must lie inside (0.0, 1.0], found range [0, 0.5]",
                assertThrows(IllegalArgumentException.class, () -> new MaskedConvolutionLayerSpace.Builder()
                        .initialRatio(new DiscreteParameterSpace<>(0.0, 0.5)).build()).getMessage());
        assertEquals("ChannelMaskLayerSpace: minChannels must be >= 1 and finite, found range [0, 2]",
                assertThrows(IllegalArgumentException.class, () -> new ChannelMaskLayerSpace.Builder()
                        .minChannels(new IntegerParameterSpace(0, 2)).build()).getMessage());
        assertEquals("ChannelMaskLayerSpace: channelMultiple must be >= 1 and finite, found range [0, 0]",
                assertThrows(IllegalArgumentException.class, () -> new ChannelMaskLayerSpace.Builder()
                        .channelMultiple(0).build()).getMessage());
    }

    @Test
    void maskedConvolutionSpaceSetsConvolutionAndMaskValues() {
        MaskedConvolutionLayerSpace space = new MaskedConvolutionLayerSpace.Builder()
                .kernelSize(3, 3).stride(1, 1).convolutionMode(ConvolutionMode.Same).activation(Activation.RELU)
                .nOut(new IntegerParameterSpace(8, 16)).minChannels(new IntegerParameterSpace(1, 4))
                .initialRatio(new ContinuousParameterSpace(0.5, 1.0)).channelMultiple(2).build();
        assertEquals(3, space.numParameters(), "nOut, minChannels and initialRatio are searched");
        index(space);
        MaskedConvolutionLayer layer = space.getValue(new double[] {1.0, 1.0, 0.0});
        assertEquals(16, layer.getNOut());
        assertArrayEquals(new int[] {3, 3}, layer.getKernelSize());
        assertEquals(ConvolutionMode.Same, layer.getConvolutionMode());
        assertEquals(4, layer.getMaskSettings().getMinChannels());
        assertEquals(0.5, layer.getMaskSettings().getInitialRatio(), 1e-12);
        assertEquals(2, layer.getMaskSettings().getChannelMultiple());
    }

    @Test
    void channelMaskSpaceInfersItsWidthUnlessGiven() {
        ChannelMaskLayerSpace inferred = new ChannelMaskLayerSpace.Builder().initialRatio(0.75).build();
        assertEquals(0, inferred.numParameters());
        ChannelMaskLayer l = inferred.getValue(new double[0]);
        assertEquals(0, l.getNOut());
        assertEquals(0.75, l.getMaskSettings().getInitialRatio());
        ChannelMaskLayer fixed = new ChannelMaskLayerSpace.Builder().channels(6).minChannels(2).build().getValue(new double[0]);
        assertEquals(6, fixed.getNOut());
        assertEquals(2, fixed.getMaskSettings().getMinChannels());
    }

    @Test
    void layerSpacesRoundTripThroughArbitersJson() throws Exception {
        MaskedConvolutionLayerSpace conv = new MaskedConvolutionLayerSpace.Builder().kernelSize(5, 5)
                .nOut(new DiscreteParameterSpace<>(6, 12)).minChannels(2).initialRatio(new ContinuousParameterSpace(0.6, 0.9))
                .build();
        ChannelMaskLayerSpace mask = new ChannelMaskLayerSpace.Builder().minChannels(new IntegerParameterSpace(1, 3)).build();
        for (ParameterSpace<?> s : List.of(conv, mask)) {
            String json = JsonMapper.getMapper().writeValueAsString(s);
            ParameterSpace<?> back = JsonMapper.getMapper().readValue(json, ParameterSpace.class);
            // Compared by JSON and by value: Arbiter's FixedValue compares int[] (kernel sizes) by reference.
            assertEquals(json, JsonMapper.getMapper().writeValueAsString(back));
            assertEquals(s.numParameters(), back.numParameters());
            index(s);
            index(back);
            double[] values = {0.9, 0.2};
            assertEquals(s.getValue(values), back.getValue(values));
        }
        assertEquals(mask, JsonMapper.getMapper().readValue(JsonMapper.getMapper().writeValueAsString(mask),
                ParameterSpace.class), "no arrays inside: equal as objects too");
    }

    /** Gives the searched leaves indices 0, 1, ... as Arbiter's generators do. */
    private static void index(ParameterSpace<?> space) {
        int i = 0;
        for (ParameterSpace<?> leaf : space.collectLeaves()) {
            if (leaf.numParameters() > 0) {
                leaf.setIndices(i++);
            }
        }
    }
}

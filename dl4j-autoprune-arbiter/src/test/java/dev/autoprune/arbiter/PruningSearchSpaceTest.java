package dev.autoprune.arbiter;

import dev.autoprune.arbiter.layers.ChannelMaskLayerSpace;
import dev.autoprune.arbiter.layers.MaskedConvolutionLayerSpace;
import dev.autoprune.layers.ChannelMaskLayer;
import dev.autoprune.layers.MaskedConvolutionLayer;
import org.deeplearning4j.arbiter.MultiLayerSpace;
import org.deeplearning4j.arbiter.optimize.api.Candidate;
import org.deeplearning4j.arbiter.optimize.generator.RandomSearchGenerator;
import org.deeplearning4j.earlystopping.EarlyStoppingConfiguration;
import org.deeplearning4j.earlystopping.termination.MaxEpochsTerminationCondition;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The combined network + pruning space: refusal, draws, and the JSON round trip with the new layer spaces. */
class PruningSearchSpaceTest {

    @Test
    void earlyStoppingIsRefusedBecauseTheListenerDecidesTheEpochs() {
        MultiLayerSpace net = TestSpaces.tinyNetwork();
        net.setEarlyStoppingConfiguration(new EarlyStoppingConfiguration.Builder<MultiLayerNetwork>()
                .epochTerminationConditions(new MaxEpochsTerminationCondition(3)).build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PruningSearchSpace(net, TestSpaces.quickPruning()));
        assertTrue(e.getMessage().contains("early-stopping configuration"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new PruningSearchSpace(null, TestSpaces.quickPruning()));
    }

    @Test
    void drawsBuildPrunableNetworks() {
        PruningSearchSpace space = new PruningSearchSpace(TestSpaces.mixedNetwork(), TestSpaces.quickPruning());
        RandomSearchGenerator gen = new RandomSearchGenerator(space, null);
        gen.setRngSeed(5);
        PruningCandidate c = (PruningCandidate) gen.getCandidate().getValue();
        MultiLayerConfiguration conf = c.configuration();
        ChannelMaskLayer mask = assertInstanceOf(ChannelMaskLayer.class, conf.getConf(2).getLayer());
        MaskedConvolutionLayer conv = assertInstanceOf(MaskedConvolutionLayer.class, conf.getConf(3).getLayer());
        assertTrue(mask.getNOut() >= 4 && mask.getNOut() <= 8, "mask width inferred from the conv: " + mask.getNOut());
        assertTrue(conv.getNOut() == 8 || conv.getNOut() == 12);
        int cm = conv.getMaskSettings().getChannelMultiple();
        assertTrue(cm == 1 || cm == 2);
        assertEquals(0.9, conv.getMaskSettings().getInitialRatio());
        assertEquals(2, c.maskedWidths().size());
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init(); // the drawn configuration is a valid network
    }

    @Test
    void jsonRoundTripOfASpaceWithTheNewSpaces() {
        PruningSearchSpace space = new PruningSearchSpace(TestSpaces.mixedNetwork(), TestSpaces.quickPruning());
        String json = space.toJson();
        assertTrue(json.contains(MaskedConvolutionLayerSpace.class.getName()), "layer space written by class");
        assertTrue(json.contains(ChannelMaskLayerSpace.class.getName()));
        PruningSearchSpace back = PruningSearchSpace.fromJson(json);
        // Not assertEquals(space, back): Arbiter's FixedValue compares int[] values (kernel sizes) by reference.
        assertEquals(json, back.toJson());
        assertEquals(space.numParameters(), back.numParameters());

        // The same random draws give the same candidates from the original and the copy.
        RandomSearchGenerator a = new RandomSearchGenerator(space, null);
        RandomSearchGenerator b = new RandomSearchGenerator(back, null);
        a.setRngSeed(11);
        b.setRngSeed(11);
        for (int i = 0; i < 3; i++) {
            Candidate<?> ca = a.getCandidate();
            Candidate<?> cb = b.getCandidate();
            PruningCandidate pa = (PruningCandidate) ca.getValue();
            PruningCandidate pb = (PruningCandidate) cb.getValue();
            assertEquals(pa.configuration(), pb.configuration());
            assertEquals(pa.settings(), pb.settings());
        }
    }
}

package dev.autoprune.bench;

import dev.autoprune.graph.ChannelGroup;
import dev.autoprune.graph.ChannelGroups;
import dev.autoprune.layers.MaskedLayer;
import dev.autoprune.examples.data.BatchOptions;
import dev.autoprune.listener.AutoPruneListener;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.learning.config.Adam;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SmallResNetTest {

    /** Nine prunable groups: one tied group per stage (stem or projection plus the second convolutions), six single ones. */
    @Test
    void residualAddsTieTheStagesIntoOneGroupEach() {
        ChannelGroups groups = BenchNets.Net.RESNET.network(1, 1e-3).prunable().groups();
        Set<Set<String>> producers = groups.masked().stream().map(g -> Set.copyOf(g.producers())).collect(Collectors.toSet());
        Set<Set<String>> expected = new HashSet<>(List.of(
                Set.of("stem", "s1b1_conv2", "s1b2_conv2"),
                Set.of("s2b1_proj", "s2b1_conv2", "s2b2_conv2"),
                Set.of("s3b1_proj", "s3b1_conv2", "s3b2_conv2")));
        for (String block : List.of("s1b1", "s1b2", "s2b1", "s2b2", "s3b1", "s3b2")) {
            expected.add(Set.of(block + "_conv1"));
        }
        assertEquals(expected, producers);
        for (ChannelGroup g : groups.masked()) {
            int stage = g.producers().get(0).equals("stem") ? 1 : g.producers().get(0).charAt(1) - '0';
            assertEquals(SmallResNet.WIDTHS[stage - 1], g.channels(), g.toString());
            assertTrue(g.isPrunable(), g.toString());
        }
    }

    @Test
    void isTheDescribedSize() {
        BenchModel net = BenchNets.Net.RESNET.network(1, 1e-3);
        assertTrue(net.isGraph());
        assertEquals(175_000, net.params(), 5_000);
        assertEquals(42e6, net.flops(), 3e6);
    }

    /** The three verbs on the graph: prunable, the listener during fit (tiny data), compact to a plain smaller graph. */
    @Test
    void prunesWithTheListenerAndCompactsWithTiedWidths() {
        BenchModel net = BenchNets.Net.RESNET.network(2, 1e-3);
        BenchModel prunable = net.prunable();
        // A large ratio step, so that four steps already cut channels.
        AutoPruneListener pruner = AutoPruneListener.builder().targetFlops(0.5).lambda(2.0).warmupEpochs(0)
                .maxSearchEpochs(2).fineTuneEpochs(1).ratioUpdater(new Adam(1.0)).build();
        prunable.addListeners(pruner);
        DataSetIterator data = TinyImages.of(16, 5).iterator(BatchOptions.builder().batchSize(8).shuffle(1).build());
        for (int e = 0; e < pruner.maxTotalEpochs() && !pruner.isDone(); e++) {
            prunable.fit(data, 1);
        }
        assertTrue(pruner.isDone(), "phase " + pruner.phase());
        assertTrue(pruner.hardFraction() < 0.9, "hard FLOPs " + pruner.hardFraction());
        // Tied masks agree.
        ChannelGroups groups = prunable.groups();
        for (ChannelGroup g : groups.masked()) {
            int[] first = ((MaskedLayer) prunable.layer(g.maskNames().get(0))).hardKeptIndices();
            for (String mask : g.maskNames()) {
                assertArrayEquals(first, ((MaskedLayer) prunable.layer(mask)).hardKeptIndices(), mask);
            }
        }

        BenchModel compact = prunable.compact();

        ComputationGraph plain = (ComputationGraph) compact.model();
        for (Layer l : plain.getLayers()) {
            assertFalse(l.getClass().getName().startsWith("dev.autoprune"), "compacted graph holds " + l.getClass());
        }
        assertEquals(pruner.hardFraction(), (double) compact.flops() / net.flops(), 1e-9);
        long stem = plain.getLayer("stem").getParam("W").size(0);
        assertEquals(stem, plain.getLayer("s1b1_conv2").getParam("W").size(0));
        assertEquals(stem, plain.getLayer("s1b2_conv2").getParam("W").size(0));
        assertEquals(plain.getLayer("s3b1_proj").getParam("W").size(0), plain.getLayer("s3b2_conv2").getParam("W").size(0));
        data.reset();
        assertEquals(10, plain.outputSingle(data.next().getFeatures()).size(1));
        String kept = KeptWidths.of(net).describe(compact);
        assertTrue(kept.matches("stem=\\d+/16 s1b1_conv1=\\d+/16 .*s3b2_conv1=\\d+/64"), kept);
    }
}

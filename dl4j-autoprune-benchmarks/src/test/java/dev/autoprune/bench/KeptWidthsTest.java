package dev.autoprune.bench;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeptWidthsTest {

    @Test
    void describesTheUnprunedAndAPrunedNetworkAndReadsItBack() {
        BenchModel lenet = BenchNets.Net.LENET.network(1, 1e-3);
        KeptWidths widths = KeptWidths.of(lenet);
        assertEquals("conv1=20/20 conv2=50/50", widths.describe(lenet));

        String pruned = widths.describe(UniformL1Pruning.prune(lenet, 0.3).network());

        Map<String, int[]> parsed = KeptWidths.parse(pruned);
        assertEquals(java.util.List.of("conv1", "conv2"), java.util.List.copyOf(parsed.keySet()));
        assertEquals(20, parsed.get("conv1")[1]);
        assertTrue(parsed.get("conv1")[0] < 20 && parsed.get("conv2")[0] < 50, pruned);
    }

    @Test
    void readsOldRowsAsNoWidthsAndRefusesGarbage() {
        assertEquals(Map.of(), KeptWidths.parse(""));
        assertArrayEquals(new int[] {5, 20}, KeptWidths.parse("conv1=5/20").get("conv1"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KeptWidths.parse("conv1=5"));
        assertTrue(e.getMessage().contains("\"conv1=5\" is not name=kept/full"), e.getMessage());
    }

    @Test
    void refusesANetworkWithoutTheGroup() {
        KeptWidths lenet = KeptWidths.of(BenchNets.Net.LENET.network(1, 1e-3));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> lenet.describe(BenchNets.Net.RESNET.network(1, 1e-3)));
        assertTrue(e.getMessage().contains("produced by layer conv1"), e.getMessage());
    }
}

package dev.autoprune.bench;

import dev.autoprune.examples.data.LabeledImages;
import dev.autoprune.listener.AutoPruneListener;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.learning.config.Adam;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One seed's flow on tiny data: every method runs, on the same budget, and records its widths. */
class QualitySeedRunTest {

    @Test
    void runsEveryMethodAndRecordsTheKeptWidths() throws Exception {
        List<QualityRow> rows = new ArrayList<>();
        QualitySeedRun run = new QualitySeedRun(EnumSet.allOf(QualityBenchmark.Method.class), 16, 1, 2,
                (target, validation) -> AutoPruneListener.builder().targetFlops(target).warmupEpochs(0)
                        .maxSearchEpochs(1).fineTuneEpochs(1).validationData(validation)
                        .ratioUpdater(new Adam(1.0)).build(),
                rows::add);
        LabeledImages images = TinyImages.of(96, 3);

        run.run(BenchNets.Net.LENET, 4, List.of(0.5), images.first(64),
                images.select(java.util.stream.IntStream.range(64, 80).toArray()),
                images.select(java.util.stream.IntStream.range(80, 96).toArray()));

        assertEquals(List.of("baseline", "baseline+fresh-optimizer", "baseline-continued", "autoprune", "uniform-L1",
                "global-magnitude", "autoprune-arch-from-scratch"), rows.stream().map(QualityRow::method).toList());
        assertEquals("conv1=20/20 conv2=50/50", rows.get(0).kept());
        QualityRow autoprune = rows.get(3);
        assertEquals(autoprune.kept(), rows.get(6).kept(), "the from-scratch control has AutoPrune's architecture");
        for (QualityRow r : rows.subList(1, 7)) {
            assertEquals(3, r.epochs(), r.toString());
            assertEquals(2, KeptWidths.parse(r.kept()).size(), r.toString());
        }
        // The magnitude baselines prune to AutoPrune's hard FLOPs: uniform as close as it can, global at or below.
        assertEquals(autoprune.hardFlops(), rows.get(4).hardFlops(), 0.03);
        assertTrue(rows.get(5).hardFlops() <= autoprune.hardFlops() + 1e-9, rows.get(5) + " vs " + autoprune);
    }
}

package dev.autoprune.examples.plot;

import dev.autoprune.listener.Phase;
import dev.autoprune.listener.SearchRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SearchPlotsTest {

    private static List<SearchRecord> history() {
        List<SearchRecord> h = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            double r1 = 1 - 0.04 * i;
            double r2 = 1 - 0.05 * i;
            h.add(new SearchRecord(i, Phase.SEARCH, Map.of("conv1", r1, "conv2", r2),
                    Map.of("conv1", (int) Math.round(16 * r1), "conv2", (int) Math.round(32 * r2)),
                    r1 * r2, r1 * r2 + 0.01, 0.1, 1.0, 1.5));
        }
        return h;
    }

    @Test
    void chartsHoldOneSeriesPerGroupAndTheTarget() {
        XYChart ratios = SearchPlots.ratios(history());
        assertEquals(2, ratios.getSeriesMap().size());
        assertArrayEquals(new double[] {1.0, 0.96, 0.92}, java.util.Arrays.copyOf(
                ratios.getSeriesMap().get("conv1").getYData(), 3), 1e-12);
        XYChart flops = SearchPlots.flops(history(), 0.5);
        assertEquals(3, flops.getSeriesMap().size());
        assertEquals(0.5, flops.getSeriesMap().get("target 0.5").getYData()[9], 0.0);
    }

    @Test
    void writesReadablePngs(@TempDir Path dir) throws Exception {
        List<Path> files = SearchPlots.write(history(), 0.5, dir);
        assertEquals(List.of(dir.resolve("ratios.png"), dir.resolve("flops.png")), files);
        for (Path f : files) {
            BufferedImage img = ImageIO.read(f.toFile());
            assertNotNull(img, f + " is not a PNG");
            assertEquals(900, img.getWidth());
        }
    }

    @Test
    void emptyHistoryIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> SearchPlots.ratios(List.of()));
    }
}

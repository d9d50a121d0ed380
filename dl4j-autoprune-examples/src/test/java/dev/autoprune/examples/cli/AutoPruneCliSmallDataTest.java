package dev.autoprune.examples.cli;

import dev.autoprune.examples.data.EmbeddedFashionMnist;
import dev.autoprune.examples.data.FashionMnist;
import dev.autoprune.examples.data.LabeledImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13, item 3: on a 60-image folder with {@code --epochs 1} the search used to end after its one
 * short epoch with the hard FLOPs at 1.000 against 0.5. The CLI's default shortest search (in iterations)
 * now repeats the short epochs until the target is reached.
 */
class AutoPruneCliSmallDataTest {

    /** Six images of each of the ten classes, as PNG files in one folder per class. */
    static Path sixtyImages(Path dir) throws Exception {
        LabeledImages train = EmbeddedFashionMnist.load(FashionMnist.Split.TRAIN);
        int[] perClass = new int[FashionMnist.NUM_CLASSES];
        for (int i = 0; i < train.size(); i++) {
            int c = train.label(i);
            if (perClass[c] == 6) {
                continue;
            }
            BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
            for (int r = 0; r < 28; r++) {
                for (int col = 0; col < 28; col++) {
                    image.getRaster().setSample(col, r, 0, train.pixel(i, r, col));
                }
            }
            Path folder = Files.createDirectories(dir.resolve("class" + c));
            assertTrue(ImageIO.write(image, "png", folder.resolve("img" + i + ".png").toFile()));
            perClass[c]++;
        }
        return dir;
    }

    @Test
    void sixtyImagesAndOneEpochReachTheTargetWithTheDefaults(@TempDir Path dir) throws Exception {
        Path model = ModelFixtures.plainLeNet(dir);
        Path images = sixtyImages(dir.resolve("images"));
        CliRun run = CliRun.of("prune", model.toString(), "--images", images.toString(), "--epochs", "1",
                "--out", dir.resolve("small.zip").toString());
        assertEquals(0, run.exitCode(), run.err() + "\n" + run.out());
        Matcher last = Pattern.compile("hard ([0-9.]+) target 0\\.500").matcher(run.out());
        double hard = Double.NaN;
        while (last.find()) {
            hard = Double.parseDouble(last.group(1));
        }
        assertEquals(0.5, hard, 0.02, run.out());
        long lines = run.out().lines().filter(l -> l.startsWith("prune ")).count();
        assertTrue(lines <= EpochProgress.LINES + 6, lines + " progress lines:\n" + run.out());
    }
}

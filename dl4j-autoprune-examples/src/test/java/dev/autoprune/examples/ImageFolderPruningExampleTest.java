package dev.autoprune.examples;

import dev.autoprune.examples.data.ImageFolderData;
import dev.autoprune.examples.data.ImageFolderOptions;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;


class ImageFolderPruningExampleTest {

    /** Two classes of 16x16 PNGs: bright squares and dark squares, with noise. */
    private static void writeImages(Path root) throws Exception {
        Random random = new Random(5);
        for (String cls : new String[] {"bright", "dark"}) {
            Path dir = Files.createDirectories(root.resolve(cls));
            for (int i = 0; i < 12; i++) {
                BufferedImage img = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY);
                for (int y = 0; y < 16; y++) {
                    for (int x = 0; x < 16; x++) {
                        int base = cls.equals("bright") ? 200 : 40;
                        int v = Math.max(0, Math.min(255, base + random.nextInt(41) - 20));
                        img.getRaster().setSample(x, y, 0, v);
                    }
                }
                ImageIO.write(img, "png", dir.resolve(cls + i + ".png").toFile());
            }
        }
    }

    @Test
    void prunesOnAnImageFolder(@TempDir Path root) throws Exception {
        writeImages(root);
        ExampleResult r = ImageFolderPruningExample.run(root, 16, 1, 60);
        ImageFolderData data = ImageFolderData.open(ImageFolderOptions.builder(root).size(16, 16).channels(1)
                .batchSize(16).split(0.8, 42).build());
        MultiLayerNetwork unpruned = new MultiLayerNetwork(ImageFolderPruningExample.configuration(16, 1, 2));
        unpruned.init();
        double control = ExampleAssertions.control(unpruned, data.train(), data.test(), r.epochs());
        ExampleAssertions.prunedAndPlain(r, ExampleAssertions.TARGET_HALF, ExampleAssertions.TWO_CLASSES, control);
    }
}

package dev.autoprune.examples.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedSubsetGeneratorTest {

    @TempDir
    Path dir;

    /**
     * 100 images of 2 x 2 pixels whose first pixel is their index; label i % 4, except that
     * class 3 is rarer (13 images: label 3 only where i % 8 == 3).
     */
    private static LabeledImages skewed() throws DataFileException {
        byte[] pixels = new byte[400];
        byte[] labels = new byte[100];
        for (int i = 0; i < 100; i++) {
            pixels[4 * i] = (byte) i;
            int label = i % 4;
            labels[i] = (byte) (label == 3 && i % 8 != 3 ? 0 : label);
        }
        return LabeledImages.fromIdx(new IdxArray(new int[] {100, 2, 2}, pixels), "images", new IdxArray(new int[] {100}, labels),
                "labels", List.of("a", "b", "c", "d"));
    }

    /** The first pixel (the original index) of every image, in order. */
    private static int[] fingerprints(LabeledImages images) {
        int[] out = new int[images.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = images.pixel(i, 0, 0);
        }
        return out;
    }

    @Test
    void subsetIsBalancedSeededAndKeepsOrder() throws DataFileException {
        LabeledImages full = skewed();
        LabeledImages a = EmbeddedSubsetGenerator.balancedSubset(full, 10, 5);
        assertArrayEquals(new int[] {10, 10, 10, 10}, a.classCounts());
        int[] fa = fingerprints(a);
        int[] sorted = fa.clone();
        Arrays.sort(sorted);
        assertArrayEquals(sorted, fa, "original order kept");
        for (int i = 0; i < fa.length; i++) {
            assertEquals(full.label(fa[i]), a.label(i), "label travels with its image");
        }
        assertArrayEquals(fa, fingerprints(EmbeddedSubsetGenerator.balancedSubset(full, 10, 5)));
        assertFalse(Arrays.equals(fa,
                fingerprints(EmbeddedSubsetGenerator.balancedSubset(full, 10, 6))));
    }

    @Test
    void tooFewImagesOfAClass() throws DataFileException {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EmbeddedSubsetGenerator.balancedSubset(skewed(), 14, 1));
        assertEquals("class 3 (d) has 13 images, fewer than perClass = 14", e.getMessage());
    }

    /** Regenerates the shipped subset and compares bytes; needs dataset-fashion-mnist. */
    @Test
    void committedResourceIsWhatTheGeneratorWrites() throws IOException {
        assumeTrue(FashionMnist.isComplete(FashionMnist.SYSTEM_DIRECTORY),
                "dataset-fashion-mnist is not installed");
        EmbeddedSubsetGenerator.main(new String[] {FashionMnist.SYSTEM_DIRECTORY.toString(),
                dir.toString()});
        for (String name : FashionMnist.fileNames()) {
            try (InputStream in = EmbeddedFashionMnist.class.getResourceAsStream(
                    EmbeddedFashionMnist.RESOURCE_DIRECTORY + name)) {
                assertTrue(in != null, name);
                assertArrayEquals(in.readAllBytes(), Files.readAllBytes(dir.resolve(name)), name);
            }
        }
    }
}

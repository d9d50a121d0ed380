package dev.autoprune.bench;

import dev.autoprune.examples.data.FashionMnist;
import dev.autoprune.examples.data.IdxArray;
import dev.autoprune.examples.data.LabeledImages;

import java.util.Random;

/** Tiny synthetic 28x28 labelled images for quick tests: the class sets the brightness of a band, plus noise. */
final class TinyImages {

    private TinyImages() {
    }

    static LabeledImages of(int n, long seed) {
        Random rnd = new Random(seed);
        byte[] pixels = new byte[n * 28 * 28];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            int label = rnd.nextInt(10);
            labels[i] = (byte) label;
            for (int p = 0; p < 28 * 28; p++) {
                int band = (p / 28) / 3 == label ? 200 : 0;
                pixels[i * 28 * 28 + p] = (byte) Math.min(255, band + rnd.nextInt(40));
            }
        }
        try {
            return LabeledImages.fromIdx(new IdxArray(new int[] {n, 28, 28}, pixels), "tiny images",
                    new IdxArray(new int[] {n}, labels), "tiny labels", FashionMnist.CLASS_NAMES);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.autoprune.bench;

/**
 * One measured run of the quality benchmark: a method on a net at a target FLOPs fraction and seed.
 *
 * @param net       the net's name ({@link BenchNets.Net})
 * @param target    the target FLOPs fraction (1 for the baselines)
 * @param method    baseline, baseline+fresh-optimizer, baseline-continued, autoprune, uniform-L1, global-magnitude or
 *                  autoprune-arch-from-scratch
 * @param seed      the seed of the weights and batch orders
 * @param accuracy  the test accuracy
 * @param hardFlops FLOPs over the baseline's FLOPs
 * @param params    the parameter count
 * @param epochs    training epochs in all
 * @param seconds   wall time of the run
 * @param kept      the kept widths per group ({@link KeptWidths}, e.g. {@code conv1=5/20 conv2=11/50}); empty in
 *                  rows written before they were recorded
 */
record QualityRow(String net, double target, String method, long seed, double accuracy, double hardFlops, long params,
                  int epochs, double seconds, String kept) {

    QualityRow {
        kept = kept == null ? "" : kept;
        if (kept.contains(",") || kept.contains("\n")) {
            throw new IllegalArgumentException("Kept widths must not contain commas or line breaks (CSV): " + kept);
        }
    }

    /** A row without kept widths. */
    QualityRow(String net, double target, String method, long seed, double accuracy, double hardFlops, long params,
               int epochs, double seconds) {
        this(net, target, method, seed, accuracy, hardFlops, params, epochs, seconds, "");
    }

    /** The key of a (net, target, method, seed) cell, under which rows are merged and paired. */
    static String key(String net, double target, String method, long seed) {
        return net + "|" + target + "|" + method + "|" + seed;
    }
}

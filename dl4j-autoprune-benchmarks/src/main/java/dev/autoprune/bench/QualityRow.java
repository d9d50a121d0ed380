package dev.autoprune.bench;

/**
 * One measured run of the quality benchmark: a method on a net at a target FLOPs fraction and seed.
 *
 * @param net       the net's name ({@link BenchNets.Net})
 * @param target    the target FLOPs fraction (1 for the baselines)
 * @param method    baseline, baseline+fresh-optimizer, autoprune, uniform-L1 or autoprune-arch-from-scratch
 * @param seed      the seed of the weights and batch orders
 * @param accuracy  the test accuracy
 * @param hardFlops FLOPs over the baseline's FLOPs
 * @param params    the parameter count
 * @param epochs    training epochs in all
 * @param seconds   wall time of the run
 */
record QualityRow(String net, double target, String method, long seed, double accuracy, double hardFlops, long params,
                  int epochs, double seconds) {

    /** The key of a (net, target, method, seed) cell, under which rows are merged and paired. */
    static String key(String net, double target, String method, long seed) {
        return net + "|" + target + "|" + method + "|" + seed;
    }
}

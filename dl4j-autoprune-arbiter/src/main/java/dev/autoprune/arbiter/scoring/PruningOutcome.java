package dev.autoprune.arbiter.scoring;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What one pruned candidate achieved: accuracy of the hard-masked network on the evaluation data,
 * its FLOPs fraction under the hard masks, the kept channels per group and, when it comes from a
 * sweep task, the epochs trained, the listener's final phase and the wall time. Sweep tasks store
 * it as the {@code modelSpecificResults} of every Arbiter {@code OptimizationResult}.
 */
public final class PruningOutcome implements Serializable {

    private static final long serialVersionUID = 1L;

    private double accuracy;
    private double hardFlopsFraction;
    private long fullFlops;
    private LinkedHashMap<String, Integer> keptChannels;
    private LinkedHashMap<String, Integer> channels;
    private int epochs;
    private String phase;
    private long wallMillis;

    /** For Jackson. */
    private PruningOutcome() {
    }

    /**
     * @param accuracy          accuracy of the hard-masked network, in [0, 1]
     * @param hardFlopsFraction FLOPs under the hard masks as a fraction of the unpruned network's
     * @param fullFlops         FLOPs of the unpruned network (multiply-accumulates, as FlopsCostModel counts)
     * @param keptChannels      hard kept channels per group id
     * @param channels          channels per group id before pruning
     */
    public PruningOutcome(double accuracy, double hardFlopsFraction, long fullFlops, Map<String, Integer> keptChannels,
                          Map<String, Integer> channels) {
        this.accuracy = accuracy;
        this.hardFlopsFraction = hardFlopsFraction;
        this.fullFlops = fullFlops;
        this.keptChannels = new LinkedHashMap<>(keptChannels);
        this.channels = new LinkedHashMap<>(channels);
        this.epochs = -1;
        this.phase = null;
        this.wallMillis = -1;
    }

    /**
     * A copy with the training facts of a sweep task.
     *
     * @param epochs     epochs trained
     * @param phase      the listener's phase at the end (DONE when pruning finished)
     * @param wallMillis wall time of training and evaluation
     * @return the copy
     */
    public PruningOutcome withTraining(int epochs, String phase, long wallMillis) {
        PruningOutcome o = new PruningOutcome(accuracy, hardFlopsFraction, fullFlops, keptChannels, channels);
        o.epochs = epochs;
        o.phase = phase;
        o.wallMillis = wallMillis;
        return o;
    }

    /** Accuracy of the hard-masked network, in [0, 1]. */
    public double accuracy() {
        return accuracy;
    }

    /** FLOPs under the hard masks as a fraction of the unpruned network's FLOPs. */
    public double hardFlopsFraction() {
        return hardFlopsFraction;
    }

    /** FLOPs of the unpruned network. */
    public long fullFlops() {
        return fullFlops;
    }

    /** Hard kept channels per group id. */
    public Map<String, Integer> keptChannels() {
        return Collections.unmodifiableMap(keptChannels);
    }

    /** Channels per group id before pruning. */
    public Map<String, Integer> channels() {
        return Collections.unmodifiableMap(channels);
    }

    /** Epochs trained, or -1 when not measured by a sweep task. */
    public int epochs() {
        return epochs;
    }

    /** The listener's final phase, or null when not measured by a sweep task. */
    public String phase() {
        return phase;
    }

    /** Wall time of training and evaluation in milliseconds, or -1 when not measured by a sweep task. */
    public long wallMillis() {
        return wallMillis;
    }

    /** Kept/total channels per group, e.g. {@code "3/8 9/16"}. */
    public String keptSummary() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Integer> e : keptChannels.entrySet()) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(e.getValue()).append('/').append(channels.get(e.getKey()));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "PruningOutcome(accuracy=%.4f, hardFlops=%.4f, kept=%s, epochs=%d, phase=%s, wall=%d ms)",
                accuracy, hardFlopsFraction, keptSummary(), epochs, phase, wallMillis);
    }
}

package dev.autoprune.listener;

import dev.autoprune.layers.MaskMode;
import dev.autoprune.layers.MaskSettings;
import dev.autoprune.layers.MaskedLayer;
import dev.autoprune.layers.impl.ChannelMask;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The masks of a network grouped by channel group: every group's tied masks (a residual stage has one
 * per add) are one parameter used in several places, so they are read from the first mask, written
 * to all, and their gradients add up. Also flattens all groups' [theta, scores...] into the one
 * vector the ratio optimiser works on.
 */
final class TiedMasks {

    private final Map<String, List<MaskedLayer>> byGroup;
    private final List<String> groupIds;

    TiedMasks(Map<String, List<MaskedLayer>> byGroup) {
        Map<String, List<MaskedLayer>> copy = new LinkedHashMap<>();
        byGroup.forEach((g, masks) -> copy.put(g, List.copyOf(masks)));
        this.byGroup = Collections.unmodifiableMap(copy);
        this.groupIds = List.copyOf(copy.keySet());
    }

    List<String> groupIds() {
        return groupIds;
    }

    int maskCount() {
        return byGroup.values().stream().mapToInt(List::size).sum();
    }

    MaskedLayer first(String group) {
        return byGroup.get(group).get(0);
    }

    /** Sets the same scores on every mask of a group. */
    void setScores(String group, double[] scores) {
        for (MaskedLayer m : byGroup.get(group)) {
            m.setScores(scores);
        }
    }

    /** Puts every mask in {@code mode}, not learnable, at temperature {@code tau} (when > 0). */
    void configure(MaskMode mode, double tau) {
        for (List<MaskedLayer> tied : byGroup.values()) {
            for (MaskedLayer m : tied) {
                MaskSettings s = m.maskConfig().getMaskSettings();
                s.setMode(mode);
                s.setLearnable(false);
                if (tau > 0) {
                    s.setTemperature(tau);
                }
            }
        }
    }

    void setTemperature(double tau) {
        each(s -> s.setTemperature(tau));
    }

    void setLearnable(boolean learnable) {
        each(s -> s.setLearnable(learnable));
    }

    private void each(java.util.function.Consumer<MaskSettings> f) {
        for (List<MaskedLayer> tied : byGroup.values()) {
            for (MaskedLayer m : tied) {
                f.accept(m.maskConfig().getMaskSettings());
            }
        }
    }

    /** Per group, the soft remaining ratio. */
    Map<String, Double> ratios() {
        Map<String, Double> r = new LinkedHashMap<>();
        for (String g : groupIds) {
            r.put(g, first(g).ratio());
        }
        return r;
    }

    /** Per group, the hard kept channel count. */
    Map<String, Integer> hardCounts() {
        Map<String, Integer> k = new LinkedHashMap<>();
        for (String g : groupIds) {
            k.put(g, first(g).hardKeptCount());
        }
        return k;
    }

    /**
     * Per group, the hard kept channel count the group would have with its ratio logit lowered by
     * {@code shift} (the masks are not changed). Never below the group's minChannels.
     */
    Map<String, Integer> hardCountsShifted(double shift) {
        Map<String, Integer> k = new LinkedHashMap<>();
        for (String g : groupIds) {
            MaskedLayer m = first(g);
            MaskSettings s = m.maskConfig().getMaskSettings();
            double kept = ChannelMask.keptCount(m.theta() - shift, m.channels(), s.getMinChannels());
            k.put(g, ChannelMask.hardCount(kept, m.channels(), s));
        }
        return k;
    }

    /** Lowers every group's ratio logit by {@code shift}, on all of its tied masks alike. */
    void shiftThetas(double shift) {
        for (String g : groupIds) {
            setTheta(g, first(g).theta() - shift);
        }
    }

    /** Sets a group's ratio logit on all of its tied masks alike. */
    void setTheta(String group, double theta) {
        requireFinite(group, "ratio logit theta", theta);
        for (MaskedLayer m : byGroup.get(group)) {
            m.setTheta(theta);
        }
    }

    /**
     * The ratio logit at which a group's hard count is exactly {@code n}: its soft kept count is then n
     * itself, half a channel away from either rounding boundary.
     */
    double thetaForCount(String group, int n) {
        MaskedLayer m = first(group);
        int min = m.maskConfig().getMaskSettings().getMinChannels();
        if (n >= m.channels()) {
            return 30; // sigmoid(30) is 1 in float: every channel
        }
        if (n <= min) {
            return -30;
        }
        double p = (double) (n - min) / (m.channels() - min);
        return Math.log(p / (1 - p));
    }

    /** Length of the flattened parameter vector: per group 1 + C. */
    int parameterCount() {
        int n = 0;
        for (String g : groupIds) {
            n += 1 + first(g).channels();
        }
        return n;
    }

    /** Per group, in order, the position of its theta in the flattened [theta, scores...] vector. */
    int[] thetaPositions() {
        int[] at = new int[groupIds.size()];
        int offset = 0;
        for (int i = 0; i < at.length; i++) {
            at[i] = offset;
            offset += 1 + first(groupIds.get(i)).channels();
        }
        return at;
    }

    /** The flattened [theta, scores...] of every group. */
    double[] parameters() {
        double[] p = new double[parameterCount()];
        int offset = 0;
        for (String g : groupIds) {
            MaskedLayer m = first(g);
            p[offset] = m.theta();
            System.arraycopy(m.scores(), 0, p, offset + 1, m.channels());
            offset += 1 + m.channels();
        }
        return p;
    }

    /**
     * The flattened gradient of the mean task loss plus the penalty: the layers' last backward
     * pass (minibatch sums, divided by {@code minibatch}; tied masks summed) plus
     * {@code dPenalty/dF * dF/dr_g * dr_g/dtheta_g} on each theta.
     */
    double[] gradient(double minibatch, double dPenaltydF, Map<String, Double> dFdr) {
        double[] grad = new double[parameterCount()];
        int offset = 0;
        for (String g : groupIds) {
            MaskedLayer first = first(g);
            int c = first.channels();
            for (MaskedLayer m : byGroup.get(g)) {
                grad[offset] += m.thetaGradient() / minibatch;
                double[] ds = m.scoresGradient();
                for (int i = 0; i < c; i++) {
                    grad[offset + 1 + i] += ds[i] / minibatch;
                }
            }
            int min = first.maskConfig().getMaskSettings().getMinChannels();
            double drdTheta = ChannelMask.keptCountDerivative(first.theta(), c, min) / c;
            grad[offset] += dPenaltydF * dFdr.getOrDefault(g, 0.0) * drdTheta;
            offset += 1 + c;
        }
        return grad;
    }

    /**
     * Writes a flattened parameter vector back to every mask.
     *
     * @throws IllegalStateException naming the group if a value is not finite (nothing of that group is written)
     */
    void setParameters(double[] p) {
        int offset = 0;
        for (String g : groupIds) {
            int c = first(g).channels();
            double theta = p[offset];
            double[] scores = Arrays.copyOfRange(p, offset + 1, offset + 1 + c);
            requireFinite(g, "ratio logit theta", theta);
            for (double s : scores) {
                requireFinite(g, "channel scores", s);
            }
            for (MaskedLayer m : byGroup.get(g)) {
                m.setTheta(theta);
                m.setScores(scores);
            }
            offset += 1 + c;
        }
    }

    /** Checks every value of a flattened vector, naming the group of the first bad one. */
    void requireFinite(double[] v, String what) {
        int offset = 0;
        for (String g : groupIds) {
            int c = first(g).channels();
            for (int i = offset; i < offset + 1 + c; i++) {
                requireFinite(g, what, v[i]);
            }
            offset += 1 + c;
        }
    }

    private void requireFinite(String group, String what, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalStateException("AutoPruneListener: " + what + " of group '" + group + "' (masks "
                    + maskNames(group) + ") became " + v
                    + ". Lower the ratio learning rate or lambda, or check the data for NaN/Inf.");
        }
    }

    private List<String> maskNames(String group) {
        return byGroup.get(group).stream().map(m -> m.maskConfig().getLayerName()).toList();
    }
}

package dev.autoprune.cost;

import dev.autoprune.flops.FlopsCounter;
import dev.autoprune.flops.LinearForm;
import dev.autoprune.graph.ChannelGroup;
import dev.autoprune.graph.ChannelGroups;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The normalised inference latency {@code L(r) = latency(r) / latency(1)} of a network on the current
 * ND4J backend, at one batch size and thread count, as a function of the remaining ratio of each masked
 * channel group, with its exact gradient: a {@link CostModel} for pruning towards "k times faster on
 * this machine" instead of a FLOPs budget.
 *
 * <p><b>Measured, then fitted.</b> Every layer whose widths depend on pruning is timed on its own
 * ({@link LayerTimer}; by default the real DL4J layer, {@link Nd4jLayerTimer}) at the network's shapes
 * on a grid of input and output width fractions, and a plane {@code t = a + b*x + c*y + d*x*y} is fitted
 * to it ({@link LayerLatencyFit}, with its fit error), where {@code x} and {@code y} are the layer's
 * input and output width fractions under the ratios. Layers whose time does not depend on pruning are
 * timed once and kept as a constant. Latency is the sum over layers, as the layer breakdown of
 * BENCHMARKS.md measures it; graph vertices (merges, element-wise sums) are not timed (listed by
 * {@link #untimedVertices()}). The idea of a measured per-layer latency table in place of FLOPs follows
 * T.-J. Yang et al., "NetAdapt: Platform-Aware Neural Network Adaptation for Mobile Applications"
 * (ECCV 2018); the fit makes it smooth, so the penalty of B. Li et al. (arXiv:2010.12021) can use it.
 *
 * <p><b>Cached.</b> With {@link Builder#cache(Path)} the fits are written to a file keyed by backend,
 * batch size, thread count and the timed layers' signature; the next measurement of the same network
 * reads it, and a cache for another backend, batch size, thread count or network is refused with a
 * message naming what differs.
 *
 * <pre>{@code
 * LatencyModel latency = LatencyModel.measure(prunable, 64);
 * AutoPruneListener pruner = AutoPruneListener.builder().costModel(latency).target(0.5).build();
 * }</pre>
 * Immutable.
 */
public final class LatencyModel implements CostModel {

    /** The {@link #name()} of this model. */
    public static final String NAME = "latency";

    /** One timed layer with its fit. */
    private record Part(TimedLayer layer, LayerLatencyFit fit, double inFull, double outFull) {
        double x(Map<String, Double> r) {
            return layer.in().value(r) / inFull;
        }

        double y(Map<String, Double> r) {
            return layer.out().value(r) / outFull;
        }

        double seconds(Map<String, Double> r) {
            return fit.seconds(fit.inputVaries() ? x(r) : 1, fit.outputVaries() ? y(r) : 1);
        }
    }

    private final Map<String, ChannelGroup> groups;
    private final List<Part> parts;
    private final List<String> untimed;
    private final double full;
    private final double minimum;
    private final int batchSize;
    private final LatencyCache.Key key;
    private final double measuringSeconds;
    private final boolean fromCache;
    private final LayerTimer timer;

    private LatencyModel(Map<String, ChannelGroup> groups, List<Part> parts, List<String> untimed, int batchSize,
                         LatencyCache.Key key, double measuringSeconds, boolean fromCache, LayerTimer timer) {
        this.groups = Collections.unmodifiableMap(new LinkedHashMap<>(groups));
        this.parts = List.copyOf(parts);
        this.untimed = List.copyOf(untimed);
        this.batchSize = batchSize;
        this.key = key;
        this.measuringSeconds = measuringSeconds;
        this.fromCache = fromCache;
        this.timer = timer;
        double f = 0;
        for (Part p : parts) {
            f += p.seconds(Map.of());
        }
        if (!(f > 0)) {
            throw new IllegalArgumentException("The network has no timed layers, so a latency fraction is undefined.");
        }
        this.full = f;
        Map<String, Double> min = new LinkedHashMap<>();
        for (ChannelGroup g : groups.values()) {
            min.put(g.id(), g.minChannels() / (double) g.channels());
        }
        this.minimum = sum(min) / f;
    }

    /** Measures a network at this batch size with the standard timer and no cache (see {@link #builder}). */
    public static LatencyModel measure(MultiLayerNetwork net, int batchSize) {
        return builder(batchSize).measure(net);
    }

    /** Measures a graph at this batch size with the standard timer and no cache (see {@link #builder}). */
    public static LatencyModel measure(ComputationGraph net, int batchSize) {
        return builder(batchSize).measure(net);
    }

    /** A builder for measuring at this batch size ({@code >= 1}). */
    public static Builder builder(int batchSize) {
        return new Builder(batchSize);
    }

    static LatencyModel of(ChannelGroups analysed, Builder b) {
        FlopsCounter counter = FlopsCounter.of(analysed);
        Map<String, ChannelGroup> groups = new LinkedHashMap<>();
        for (ChannelGroup g : analysed.masked()) {
            groups.put(g.id(), g);
        }
        List<TimedLayer> timed = new ArrayList<>();
        List<String> untimed = new ArrayList<>();
        StringBuilder signature = new StringBuilder(String.valueOf(b.grid));
        for (var node : analysed.graph().nodes()) {
            switch (node.kind()) {
                case INPUT, MASK -> {
                    // inputs cost nothing; channel masks disappear when the network is compacted
                }
                default -> {
                    if (node.layer() == null) {
                        untimed.add(node.name());
                        continue;
                    }
                    TimedLayer t = new TimedLayer(node, counter.layer(node.name()), groups.keySet());
                    if (!t.scalable()) {
                        throw new IllegalArgumentException("LatencyModel: layer \"" + t.name() + "\" (" + t.type()
                                + ") reads pruned channels through input type " + t.inputType() + "; only "
                                + "convolutional and feed-forward inputs can be timed at other widths. Use the FLOPs "
                                + "cost model for this network.");
                    }
                    timed.add(t);
                    signature.append('\n').append(t.signature());
                }
            }
        }
        LatencyCache.Key key = new LatencyCache.Key(b.timer.backend(), b.batchSize, b.timer.threads(),
                LatencyMeasurer.sha256(signature.toString()));
        LatencyCache.Entry entry = b.cache == null ? null : LatencyCache.read(b.cache, key).orElse(null);
        boolean fromCache = entry != null;
        if (entry == null) {
            entry = new LatencyMeasurer(b.timer, b.batchSize, b.grid, b.passes, b.progress).measure(timed, key);
            if (b.cache != null) {
                LatencyCache.write(b.cache, entry);
                b.progress.accept("latency: wrote the cache " + b.cache);
            }
        } else {
            b.progress.accept("latency: read the cache " + b.cache + " (measured in "
                    + String.format(Locale.ROOT, "%.1f s", entry.measuringSeconds()) + ")");
        }
        List<Part> parts = new ArrayList<>();
        for (int i = 0; i < timed.size(); i++) {
            TimedLayer t = timed.get(i);
            parts.add(new Part(t, entry.fits().get(i), t.in().value(Map.of()), t.out().value(Map.of())));
        }
        return new LatencyModel(groups, parts, untimed, b.batchSize, key, entry.measuringSeconds(), fromCache, b.timer);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> groupIds() {
        return new ArrayList<>(groups.keySet());
    }

    @Override
    public double fraction(Map<String, Double> ratioByGroup) {
        return sum(check(ratioByGroup)) / full;
    }

    @Override
    public Map<String, Double> fractionGradient(Map<String, Double> ratioByGroup) {
        Map<String, Double> r = check(ratioByGroup);
        Map<String, Double> grad = new LinkedHashMap<>();
        for (String id : groups.keySet()) {
            grad.put(id, 0.0);
        }
        for (Part p : parts) {
            double x = p.fit().inputVaries() ? p.x(r) : 1;
            double y = p.fit().outputVaries() ? p.y(r) : 1;
            if (p.fit().inputVaries()) {
                add(grad, p.layer().in(), p.fit().dx(y) / p.inFull());
            }
            if (p.fit().outputVaries()) {
                add(grad, p.layer().out(), p.fit().dy(x) / p.outFull());
            }
        }
        grad.replaceAll((g, v) -> v / full);
        return grad;
    }

    private static void add(Map<String, Double> grad, LinearForm form, double scale) {
        form.coefficients().forEach((g, a) -> grad.computeIfPresent(g, (k, v) -> v + a * scale));
    }

    @Override
    public double hardFraction(Map<String, Integer> keptByGroup) {
        return fraction(ratiosOf(keptByGroup));
    }

    @Override
    public double minimumFraction() {
        return minimum;
    }

    /** Predicted seconds of one forward pass of the unpruned network (sum of its timed layers). */
    public double fullSeconds() {
        return full;
    }

    /** Predicted seconds of one forward pass with these remaining ratios per group (missing: 1). */
    public double seconds(Map<String, Double> ratios) {
        return sum(check(ratios));
    }

    private double sum(Map<String, Double> ratios) {
        double s = 0;
        for (Part p : parts) {
            s += p.seconds(ratios);
        }
        return s;
    }

    /** Per timed layer, its predicted seconds with these many channels kept per group (missing: all kept). */
    public Map<String, Double> predictedLayerSeconds(Map<String, Integer> keptByGroup) {
        Map<String, Double> r = ratiosOf(keptByGroup);
        Map<String, Double> out = new LinkedHashMap<>();
        for (Part p : parts) {
            out.put(p.layer().name(), p.seconds(r));
        }
        return out;
    }

    /**
     * Per timed layer, its seconds measured now (with this model's timer) at the widths these kept channel
     * counts give: what the compacted network's layers take, to set against {@link #predictedLayerSeconds}.
     */
    public Map<String, Double> measuredLayerSeconds(Map<String, Integer> keptByGroup) {
        Map<String, Double> r = ratiosOf(keptByGroup);
        Map<String, Double> out = new LinkedHashMap<>();
        for (Part p : parts) {
            TimedLayer t = p.layer();
            long cin = t.inputVaries() ? Math.max(1, Math.round(p.x(r) * t.inputChannels())) : t.inputChannels();
            long cout = t.outputVaries() ? Math.max(1, Math.round(p.y(r) * t.outputChannels())) : t.outputChannels();
            out.put(t.name(), timer.seconds(t.layer(cin, cout), t.inputVaries() ? t.input(cin) : t.inputType(), batchSize));
        }
        return out;
    }

    /** The per-layer fits, in topological order (constant layers included). */
    public List<LayerLatencyFit> fits() {
        return parts.stream().map(Part::fit).toList();
    }

    /** Graph vertices (merges, element-wise operations, ...) that are not timed and count 0. */
    public List<String> untimedVertices() {
        return untimed;
    }

    /** The batch size the times hold for. */
    public int batchSize() {
        return batchSize;
    }

    /** The backend the times hold for. */
    public String backend() {
        return key.backend();
    }

    /** The thread count the times hold for. */
    public int threads() {
        return key.threads();
    }

    /** Wall seconds the measurement took (when read from the cache: the original measurement's). */
    public double measuringSeconds() {
        return measuringSeconds;
    }

    /** Whether the fits were read from the cache file instead of measured. */
    public boolean fromCache() {
        return fromCache;
    }

    /** The largest root mean square relative fit error over the layers whose time depends on pruning. */
    public double worstFitError() {
        double w = 0;
        for (Part p : parts) {
            if (p.fit().inputVaries() || p.fit().outputVaries()) {
                w = Math.max(w, p.fit().rmsError());
            }
        }
        return w;
    }

    private Map<String, Double> ratiosOf(Map<String, Integer> kept) {
        Map<String, Double> r = new LinkedHashMap<>();
        kept.forEach((id, k) -> {
            ChannelGroup g = group(id);
            if (k == null || k < 0 || k > g.channels()) {
                throw new IllegalArgumentException("Kept channels of group \"" + id + "\" must be in [0, "
                        + g.channels() + "], found " + k);
            }
            r.put(id, k / (double) g.channels());
        });
        return r;
    }

    private ChannelGroup group(String id) {
        return GroupArguments.group(groups, id);
    }

    private Map<String, Double> check(Map<String, Double> ratios) {
        return GroupArguments.ratios(groups, ratios);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "latency cost model (%s, batch %d, %d threads): %.3f ms at full width, "
                        + "floor %.3f, worst fit error %.1f %%, %d layers, measured in %.1f s%s", key.backend(), batchSize,
                key.threads(), 1e3 * full, minimum, 100 * worstFitError(), parts.size(), measuringSeconds,
                fromCache ? " (cached)" : "");
    }

    /** Measuring options: batch size, timer, cache file, progress. */
    public static final class Builder {
        private final int batchSize;
        private LayerTimer timer = Nd4jLayerTimer.standard();
        private Path cache;
        private List<Double> grid = List.of(0.125, 0.25, 0.5, 0.75, 1.0);
        private int passes = 3;
        private Consumer<String> progress = LatencyMeasurer::log;

        private Builder(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("LatencyModel: batchSize must be >= 1, found " + batchSize);
            }
            this.batchSize = batchSize;
        }

        /** The timer (default: {@link Nd4jLayerTimer#standard()}). */
        public Builder timer(LayerTimer timer) {
            this.timer = java.util.Objects.requireNonNull(timer, "timer");
            return this;
        }

        /** The cache file to read, or to write after measuring (default: none). */
        public Builder cache(Path file) {
            this.cache = file;
            return this;
        }

        /** The width fractions timed per varying width, in (0, 1], 1 included (default 1/8, 1/4, 1/2, 3/4, 1). */
        public Builder grid(double... fractions) {
            List<Double> g = new ArrayList<>();
            boolean one = false;
            for (double f : fractions) {
                if (!(f > 0 && f <= 1)) {
                    throw new IllegalArgumentException("LatencyModel: grid fractions must be in (0, 1], found " + f);
                }
                one |= f == 1;
                g.add(f);
            }
            if (!one || g.size() < 2) {
                throw new IllegalArgumentException("LatencyModel: the grid needs 1 and at least one smaller fraction, "
                        + "found " + g);
            }
            this.grid = List.copyOf(g);
            return this;
        }

        /**
         * Sweeps over the grid ({@code >= 1}, default 3); each point keeps the median of its sweeps, so a burst
         * of load from another process spoils one sweep, not the fit.
         */
        public Builder passes(int sweeps) {
            if (sweeps < 1) {
                throw new IllegalArgumentException("LatencyModel: passes must be >= 1, found " + sweeps);
            }
            this.passes = sweeps;
            return this;
        }

        /** Where progress lines go (default: the log at INFO). */
        public Builder progress(Consumer<String> sink) {
            this.progress = java.util.Objects.requireNonNull(sink, "progress");
            return this;
        }

        /** Measures (or reads from the cache) a network, input type as recorded by {@code AutoPrune.prunable}. */
        public LatencyModel measure(MultiLayerNetwork net) {
            return of(ChannelGroups.of(net), this);
        }

        /** Measures (or reads from the cache) a network with the given input type. */
        public LatencyModel measure(MultiLayerNetwork net, org.deeplearning4j.nn.conf.inputs.InputType input) {
            return of(ChannelGroups.of(net, input), this);
        }

        /** Measures (or reads from the cache) a graph, input types as recorded by {@code AutoPrune.prunable}. */
        public LatencyModel measure(ComputationGraph net) {
            return of(ChannelGroups.of(net), this);
        }

        /** Measures (or reads from the cache) an analysed network. */
        public LatencyModel measure(ChannelGroups groups) {
            return of(groups, this);
        }
    }
}

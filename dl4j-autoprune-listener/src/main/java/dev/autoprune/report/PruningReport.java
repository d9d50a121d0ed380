package dev.autoprune.report;

import dev.autoprune.compact.KeptChannels;
import dev.autoprune.compact.MaskedLayerLookup;
import dev.autoprune.cost.LatencyModel;
import dev.autoprune.flops.FlopsCounter;
import dev.autoprune.flops.LayerCost;
import dev.autoprune.graph.ChannelGroup;
import dev.autoprune.graph.ChannelGroups;
import dev.autoprune.graph.NodeKind;
import dev.autoprune.graph.UnsupportedLayer;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.shade.jackson.core.JsonProcessingException;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.SerializationFeature;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What pruning does to a network: per channel group the channels before and kept and the ratio; per
 * layer FLOPs and parameters before and after; the totals; and the layers it cannot prune through
 * ({@code ChannelGroups.unsupported()}, with the reason). Printable as an aligned table
 * ({@link #toTable()}), and exportable as JSON and CSV.
 *
 * <p>From a masked network, "after" is what {@code ChannelPruner.compact} will produce: each group
 * keeps its HARD mask's channels (METHOD.md step 6; B. Li et al., "AutoPruning for Deep Neural Network
 * with Dynamic Channel Masking", arXiv:2010.12021, 2020). From a network without masks (e.g. one
 * already compacted) nothing is pruned: before equals after and the groups listed are its prunable
 * ones, at full width. Counts follow {@link FlopsCounter} and never include mask parameters, so a
 * masked network's "after" parameters equal the compacted network's {@code numParams()}.
 *
 * <p>A network made by {@code AutoPrune.prunable} carries its input types in its masks, so
 * {@code of(net)} needs none; the overloads with input types are for hand-placed masks or plain
 * networks whose configuration does not tell the type.
 *
 * <p>Immutable.
 */
public final class PruningReport {

    private final List<GroupRow> groups;
    private final List<LayerRow> layers;
    private final List<UnsupportedLayer> unsupported;
    private final LatencyReport latency;

    private PruningReport(List<GroupRow> groups, List<LayerRow> layers, List<UnsupportedLayer> unsupported,
                          LatencyReport latency) {
        this.groups = List.copyOf(groups);
        this.layers = List.copyOf(layers);
        this.unsupported = List.copyOf(unsupported);
        this.latency = latency;
    }

    /**
     * This report with measured and predicted latency per layer ({@link LatencyReport}) at its kept
     * channels, from a latency model of the same (masked) network: the layers are timed now at the kept
     * widths. A model of other groups is refused.
     */
    public PruningReport withLatency(LatencyModel model) {
        Map<String, Integer> kept = new LinkedHashMap<>();
        for (GroupRow g : groups) {
            kept.put(g.id(), (int) g.kept());
        }
        if (!kept.keySet().equals(new java.util.LinkedHashSet<>(model.groupIds()))) {
            throw new IllegalArgumentException("The latency model covers groups " + model.groupIds() + ", but this "
                    + "report's network has " + kept.keySet() + ". Measure the latency model on this (masked) network.");
        }
        return new PruningReport(groups, layers, unsupported, LatencyReport.of(model, kept));
    }

    /** The latency part, when {@link #withLatency} added one. */
    public java.util.Optional<LatencyReport> latency() {
        return java.util.Optional.ofNullable(latency);
    }

    /** The report of a network (input type recorded by {@code prunable}, or inferred as {@link ChannelGroups} does). */
    public static PruningReport of(MultiLayerNetwork net) {
        return of(net, ChannelGroups.of(net));
    }

    /** The report of a network with the given input type (for hand-placed masks or plain networks). */
    public static PruningReport of(MultiLayerNetwork net, InputType input) {
        return of(net, ChannelGroups.of(net, input));
    }

    /** The report of a graph (input types recorded by {@code prunable}, or inferred as {@link ChannelGroups} does). */
    public static PruningReport of(ComputationGraph net) {
        return of(net, ChannelGroups.of(net));
    }

    /** The report of a graph with the given input types (for hand-placed masks or plain networks). */
    public static PruningReport of(ComputationGraph net, InputType... inputs) {
        return of(net, ChannelGroups.of(net, inputs));
    }

    private static PruningReport of(MultiLayerNetwork net, ChannelGroups groups) {
        return of(FlopsCounter.of(groups),
                KeptChannels.of(groups, n -> MaskedLayerLookup.of(net, groups.graph().node(n))).counts());
    }

    private static PruningReport of(ComputationGraph net, ChannelGroups groups) {
        return of(FlopsCounter.of(groups),
                KeptChannels.of(groups, n -> MaskedLayerLookup.of(net, groups.graph().node(n))).counts());
    }

    /**
     * The report of counted costs with explicit kept channel counts per group id (missing: all kept).
     */
    public static PruningReport of(FlopsCounter counter, Map<String, Integer> keptByGroup) {
        Map<String, Double> ratios = counter.ratiosOf(keptByGroup);
        List<GroupRow> groupRows = new ArrayList<>();
        ChannelGroups groups = counter.groups();
        List<ChannelGroup> listed = groups.masked().isEmpty() ? prunable(groups) : groups.masked();
        for (ChannelGroup g : listed) {
            groupRows.add(new GroupRow(g.id(), g.channels(), keptByGroup.getOrDefault(g.id(), (int) g.channels()),
                    g.maskNames()));
        }
        List<LayerRow> layerRows = new ArrayList<>();
        for (LayerCost c : counter.layers()) {
            if (c.kind() == NodeKind.MASK || groups.graph().node(c.name()).layer() == null) {
                continue;
            }
            layerRows.add(new LayerRow(c.name(), c.type(), c.flops(), Math.round(c.flops(ratios)), c.params(),
                    Math.round(c.params(ratios))));
        }
        return new PruningReport(groupRows, layerRows, groups.unsupported(), null);
    }

    private static List<ChannelGroup> prunable(ChannelGroups groups) {
        List<ChannelGroup> out = new ArrayList<>();
        for (ChannelGroup g : groups.groups()) {
            if (g.isPrunable() && !g.producers().isEmpty()) {
                out.add(g);
            }
        }
        return out;
    }

    /** The channel groups. */
    public List<GroupRow> groups() {
        return groups;
    }

    /** The layers (mask layers and parameter-free vertices left out). */
    public List<LayerRow> layers() {
        return layers;
    }

    /** The layers the analysis cannot prune through, with the reason; the channels that reach them are kept. */
    public List<UnsupportedLayer> unsupported() {
        return unsupported;
    }

    /** Total FLOPs before. */
    public long flopsBefore() {
        return layers.stream().mapToLong(LayerRow::flopsBefore).sum();
    }

    /** Total FLOPs after. */
    public long flopsAfter() {
        return layers.stream().mapToLong(LayerRow::flopsAfter).sum();
    }

    /** Total parameters before (without mask parameters). */
    public long paramsBefore() {
        return layers.stream().mapToLong(LayerRow::paramsBefore).sum();
    }

    /** Total parameters after. */
    public long paramsAfter() {
        return layers.stream().mapToLong(LayerRow::paramsAfter).sum();
    }

    /** FLOPs after over FLOPs before. */
    public double flopsFraction() {
        return flopsBefore() == 0 ? 1 : flopsAfter() / (double) flopsBefore();
    }

    /** Parameters after over parameters before. */
    public double paramsFraction() {
        return paramsBefore() == 0 ? 1 : paramsAfter() / (double) paramsBefore();
    }

    /** The report as two aligned text tables (groups, then layers with a total row). */
    public String toTable() {
        TextTable g = new TextTable("group", "channels", "kept", "ratio", "masks");
        for (GroupRow r : groups) {
            g.row(r.id(), r.channels(), r.kept(), fmt(r.ratio()), String.join(" ", r.masks()));
        }
        TextTable l = new TextTable("layer", "type", "FLOPs before", "FLOPs after", "params before", "params after");
        for (LayerRow r : layers) {
            l.row(r.name(), r.type(), r.flopsBefore(), r.flopsAfter(), r.paramsBefore(), r.paramsAfter());
        }
        l.row("TOTAL", "", flopsBefore(), flopsAfter(), paramsBefore(), paramsAfter());
        StringBuilder notPruned = new StringBuilder();
        for (UnsupportedLayer u : unsupported) {
            notPruned.append(String.format(Locale.ROOT, "Not pruned through: %s%n", u));
        }
        return g + "\n" + l + String.format(Locale.ROOT, "%nFLOPs kept: %s, parameters kept: %s%n",
                fmt(flopsFraction()), fmt(paramsFraction())) + notPruned
                + (latency == null ? "" : "\n" + latency.toTable());
    }

    @Override
    public String toString() {
        return toTable();
    }

    /** The report as JSON: {@code {"groups": [...], "layers": [...], "totals": {...}}}. */
    public String toJson() {
        Map<String, Object> root = new LinkedHashMap<>();
        List<Map<String, Object>> gs = new ArrayList<>();
        for (GroupRow r : groups) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", r.id());
            m.put("channels", r.channels());
            m.put("kept", r.kept());
            m.put("ratio", r.ratio());
            m.put("masks", r.masks());
            gs.add(m);
        }
        List<Map<String, Object>> ls = new ArrayList<>();
        for (LayerRow r : layers) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", r.name());
            m.put("type", r.type());
            m.put("flopsBefore", r.flopsBefore());
            m.put("flopsAfter", r.flopsAfter());
            m.put("paramsBefore", r.paramsBefore());
            m.put("paramsAfter", r.paramsAfter());
            ls.add(m);
        }
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("flopsBefore", flopsBefore());
        totals.put("flopsAfter", flopsAfter());
        totals.put("paramsBefore", paramsBefore());
        totals.put("paramsAfter", paramsAfter());
        totals.put("flopsFraction", flopsFraction());
        totals.put("paramsFraction", paramsFraction());
        root.put("groups", gs);
        root.put("layers", ls);
        root.put("totals", totals);
        List<Map<String, Object>> us = new ArrayList<>();
        for (UnsupportedLayer u : unsupported) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", u.name());
            m.put("type", u.type());
            m.put("reason", u.reason());
            us.add(m);
        }
        root.put("unsupported", us);
        if (latency != null) {
            root.put("latency", latency.toMap());
        }
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write the pruning report as JSON", e);
        }
    }

    /**
     * The report as CSV with a header and one row per group, per layer and a total row; the
     * {@code record} column says which ({@code group}, {@code layer}, {@code total}).
     */
    public String toCsv() {
        StringBuilder sb = new StringBuilder(
                "record,name,type,channels,kept,ratio,flops_before,flops_after,params_before,params_after\n");
        for (GroupRow r : groups) {
            sb.append(csv("group", r.id(), "", r.channels(), r.kept(), fmt(r.ratio()), "", "", "", ""));
        }
        for (LayerRow r : layers) {
            sb.append(csv("layer", r.name(), r.type(), "", "", "", r.flopsBefore(), r.flopsAfter(), r.paramsBefore(),
                    r.paramsAfter()));
        }
        sb.append(csv("total", "", "", "", "", "", flopsBefore(), flopsAfter(), paramsBefore(), paramsAfter()));
        return sb.toString();
    }

    private static String csv(Object... cells) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            String s = String.valueOf(cells[i]);
            if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
                s = "\"" + s.replace("\"", "\"\"") + "\"";
            }
            sb.append(i == 0 ? "" : ",").append(s);
        }
        return sb.append('\n').toString();
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}

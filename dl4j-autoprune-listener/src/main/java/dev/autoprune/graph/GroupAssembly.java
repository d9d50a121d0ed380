package dev.autoprune.graph;

import dev.autoprune.layers.MaskSettings;
import dev.autoprune.layers.MaskableLayerConfig;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the state of a finished {@link GroupAnalysis} into {@link ChannelGroups}: names each group
 * (after its first mask, else its first source), lays out every activation, lists each group's
 * consumers, and adds the problems only the whole picture shows (unzeroed reads, tied settings,
 * masks on blocked channels).
 */
final class GroupAssembly {

    private final GroupAnalysis a;
    private final SourceTable sources;
    private final Map<Integer, String> idOfRoot = new LinkedHashMap<>();
    private final Map<Integer, List<String>> masksOfRoot = new LinkedHashMap<>();

    GroupAssembly(GroupAnalysis a) {
        this.a = a;
        this.sources = a.sources;
    }

    ChannelGroups result() {
        nameGroups();
        Map<String, ChannelLayout> outLayouts = new LinkedHashMap<>();
        Map<String, List<ChannelLayout>> inLayouts = new LinkedHashMap<>();
        for (GraphNode n : a.graph.nodes()) {
            outLayouts.put(n.name(), layout(a.outputs.get(n.name())));
            List<ChannelLayout> ins = new ArrayList<>();
            for (Channels in : a.inputs.getOrDefault(n.name(), List.of())) {
                ins.add(layout(in));
            }
            inLayouts.put(n.name(), ins);
        }
        Map<Integer, List<GroupConsumer>> consumers = consumers();
        List<ChannelGroup> groups = new ArrayList<>();
        for (Map.Entry<Integer, String> e : idOfRoot.entrySet()) {
            groups.add(group(e.getKey(), e.getValue(), masksOfRoot.getOrDefault(e.getKey(), List.of()),
                    consumers.getOrDefault(e.getKey(), List.of())));
        }
        groups.sort((x, y) -> Integer.compare(firstSourceOf(x.id()), firstSourceOf(y.id())));
        return new ChannelGroups(a.graph, groups, inLayouts, outLayouts, a.problems, a.unsupported);
    }

    /** A group is named after its first mask, else after its first source (primed when the name is taken). */
    private void nameGroups() {
        for (String m : a.masksInOrder) {
            int root = sources.find(a.maskSource.get(m));
            masksOfRoot.computeIfAbsent(root, k -> new ArrayList<>()).add(m);
            idOfRoot.putIfAbsent(root, m);
        }
        Set<String> usedIds = new LinkedHashSet<>(idOfRoot.values());
        for (int s = 0; s < sources.size(); s++) {
            int root = sources.find(s);
            if (!idOfRoot.containsKey(root)) {
                String id = sources.get(root).origin;
                while (usedIds.contains(id)) {
                    id = id + "'";
                }
                usedIds.add(id);
                idOfRoot.put(root, id);
            }
        }
    }

    private Map<Integer, List<GroupConsumer>> consumers() {
        Map<Integer, List<GroupConsumer>> consumers = new HashMap<>();
        for (GroupAnalysis.Read read : a.reads) {
            long offset = 0;
            for (Run r : read.channels().runs()) {
                int root = sources.find(r.source());
                consumers.computeIfAbsent(root, k -> new ArrayList<>()).add(new GroupConsumer(read.node(), offset, r.unit()));
                if (masksOfRoot.containsKey(root) && r.zeroedBy() == null) {
                    a.problems.add(MaskProblems.readsUnzeroed(a.graph.node(read.node()), idOfRoot.get(root),
                            masksOfRoot.get(root)));
                }
                offset += r.channels() * r.unit();
            }
            tooFewInputsProblem(read);
        }
        return consumers;
    }

    /**
     * A layer whose rule needs several input channels (DL4J 1.0.0-M2.1's SeparableConvolution2D fails
     * with one) must not read only a group whose masks may keep fewer.
     */
    private void tooFewInputsProblem(GroupAnalysis.Read read) {
        GraphNode node = a.graph.node(read.node());
        int min = node.rule().minInputChannels();
        if (min <= 1 || read.channels().runs().size() != 1) {
            return;
        }
        int root = sources.find(read.channels().runs().get(0).source());
        List<String> masks = masksOfRoot.get(root);
        if (masks == null) {
            return;
        }
        MaskSettings ms = ((MaskableLayerConfig) a.graph.node(masks.get(0)).layer()).getMaskSettings();
        if (ms.getMinChannels() < min) {
            a.problems.add(MaskProblems.tooFewInputs(node, idOfRoot.get(root), masks, min));
        }
    }

    private int firstSourceOf(String id) {
        for (Map.Entry<Integer, String> e : idOfRoot.entrySet()) {
            if (e.getValue().equals(id)) {
                return e.getKey();
            }
        }
        return Integer.MAX_VALUE;
    }

    private ChannelGroup group(int root, String id, List<String> masks, List<GroupConsumer> consumers) {
        List<String> producers = new ArrayList<>();
        Set<String> carriers = new LinkedHashSet<>();
        Set<String> blockers = new LinkedHashSet<>();
        long channels = sources.get(root).channels;
        for (int s = 0; s < sources.size(); s++) {
            if (sources.find(s) != root) {
                continue;
            }
            SourceTable.Source src = sources.get(s);
            if (src.producer) {
                producers.add(src.origin);
            }
            carriers.addAll(src.carriers);
            blockers.addAll(src.blockers);
        }
        int minChannels = 1;
        int multiple = 1;
        MaskSettings first = null;
        for (String m : masks) {
            MaskSettings ms = ((MaskableLayerConfig) a.graph.node(m).layer()).getMaskSettings();
            if (first == null) {
                first = ms;
                minChannels = ms.getMinChannels();
                multiple = ms.getChannelMultiple();
            } else if (ms.getMinChannels() != minChannels || ms.getChannelMultiple() != multiple) {
                a.problems.add(MaskProblems.tiedSettings(masks.get(0), m, id, minChannels, multiple,
                        ms.getMinChannels(), ms.getChannelMultiple()));
            }
        }
        if (!masks.isEmpty() && !blockers.isEmpty()) {
            a.problems.add(MaskProblems.blockedMasks(masks, id, new ArrayList<>(blockers)));
        }
        return new ChannelGroup(id, channels, producers, new ArrayList<>(carriers), consumers, masks, minChannels,
                multiple, new ArrayList<>(blockers));
    }

    private ChannelLayout layout(Channels channels) {
        List<Segment> segs = new ArrayList<>();
        for (Run r : channels.runs()) {
            segs.add(new Segment(idOfRoot.get(sources.find(r.source())), r.channels(), r.unit()));
        }
        return new ChannelLayout(segs, channels.positions());
    }
}

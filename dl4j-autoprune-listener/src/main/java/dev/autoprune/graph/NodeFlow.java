package dev.autoprune.graph;

import java.util.ArrayList;
import java.util.List;

/** The {@link ChannelFlow} of one node: applies what its layer rule says to the analysis state. */
final class NodeFlow implements ChannelFlow {

    private static final Channels NONE = new Channels(List.of());

    private final GroupAnalysis a;
    private final GraphNode node;
    private final List<Channels> ins;

    NodeFlow(GroupAnalysis a, GraphNode node, List<Channels> ins) {
        this.a = a;
        this.node = node;
        this.ins = List.copyOf(ins);
    }

    @Override
    public GraphNode node() {
        return node;
    }

    @Override
    public List<Channels> inputs() {
        return ins;
    }

    @Override
    public Channels input() {
        return ins.isEmpty() ? NONE : ins.get(0);
    }

    @Override
    public Channels produce() {
        return produced(false);
    }

    @Override
    public Channels produceMasked() {
        return produced(true);
    }

    private Channels produced(boolean masked) {
        a.reads.add(new GroupAnalysis.Read(node.name(), input()));
        long c = GroupAnalysis.elements(node.outputType());
        int s = a.sources.add(node.name(), c, true);
        String zeroedBy = null;
        if (masked) {
            a.registerMask(node.name(), s);
            zeroedBy = node.name();
        }
        return new Channels(List.of(new Run(s, c, 1, zeroedBy)));
    }

    @Override
    public Channels consume() {
        a.reads.add(new GroupAnalysis.Read(node.name(), input()));
        return a.opaque(node, "output of the output layer " + node.describe());
    }

    @Override
    public Channels reachOutput() {
        a.sources.block(input(), "reaches the network output through " + node.describe());
        return input();
    }

    @Override
    public Channels unmask(String why) {
        List<Run> out = new ArrayList<>();
        for (Run r : input().runs()) {
            if (r.zeroedBy() != null) {
                a.problems.add(MaskProblems.afterMask(a.graph.node(r.zeroedBy()), node, why));
            }
            out.add(r.zeroed(null));
        }
        return new Channels(out, input().positions());
    }

    @Override
    public Channels mask() {
        Channels in = input();
        List<Run> runs = in.runs();
        if (runs.size() != 1 || runs.get(0).unit() != 1 || in.positions() != 1) {
            a.problems.add(MaskProblems.maskSpansGroups(node, runs.size(), a.sources.describe(in)));
            return in;
        }
        a.registerMask(node.name(), runs.get(0).source());
        return new Channels(List.of(runs.get(0).zeroed(node.name())));
    }

    @Override
    public Channels concatenate() {
        for (Channels i : ins) {
            if (i.positions() != 1) {
                for (Channels j : ins) {
                    a.sources.block(j, "is concatenated by " + node.describe() + " after an NHWC flattening");
                }
                return a.opaque(node, "output of " + node.describe());
            }
        }
        return Channels.concat(ins);
    }

    @Override
    public Channels elementWise(boolean product) {
        Channels first = ins.get(0);
        for (Channels other : ins) {
            if (!first.sameStructure(other)) {
                for (Channels i : ins) {
                    a.sources.block(i, "is added by " + node.describe() + " to activations with a different channel layout");
                }
                return a.opaque(node, "output of " + node.describe());
            }
        }
        List<Run> out = new ArrayList<>();
        for (int k = 0; k < first.runs().size(); k++) {
            Run f = first.runs().get(k);
            String zeroedBy = product ? null : f.zeroedBy();
            for (Channels other : ins) {
                Run o = other.runs().get(k);
                a.sources.union(f.source(), o.source());
                String z = o.zeroedBy();
                if (product) {
                    zeroedBy = zeroedBy != null ? zeroedBy : z;
                } else if (z == null) {
                    zeroedBy = null;
                }
            }
            out.add(f.zeroed(zeroedBy));
        }
        return new Channels(out, first.positions());
    }

    @Override
    public Channels unsupported() {
        a.unsupported.add(new UnsupportedLayer(node.name(), node.typeName(), node.unsupportedReason()));
        for (Channels i : ins) {
            a.sources.block(i, "is read by " + node.describe() + ", which is not supported: " + node.unsupportedReason());
        }
        return a.opaque(node, "output of the unsupported " + node.describe());
    }
}

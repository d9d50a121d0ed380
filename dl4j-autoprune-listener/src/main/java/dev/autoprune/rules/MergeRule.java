package dev.autoprune.rules;

import dev.autoprune.graph.ChannelFlow;
import dev.autoprune.graph.Channels;
import dev.autoprune.graph.GraphNode;
import dev.autoprune.graph.NodeKind;
import org.deeplearning4j.nn.conf.graph.FrozenVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;

import java.util.Optional;

/** {@code MergeVertex} along the channel axis: concatenates its inputs' groups, offsetting the later ones. */
final class MergeRule implements LayerRule {

    @Override
    public NodeKind kind() {
        return NodeKind.MERGE;
    }

    @Override
    public Optional<String> unsupportedReason(GraphNode node) {
        MergeVertex merge = (MergeVertex) plain(node.vertex());
        return merge.getMergeAxis() == 1 ? Optional.empty()
                : Optional.of("merge along axis " + merge.getMergeAxis() + " (only the channel axis 1)");
    }

    @Override
    public Channels flow(ChannelFlow flow) {
        return flow.concatenate();
    }

    static GraphVertex plain(GraphVertex v) {
        return v instanceof FrozenVertex fv ? fv.getUnderlying() : v;
    }
}

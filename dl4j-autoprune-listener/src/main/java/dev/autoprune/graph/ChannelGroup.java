package dev.autoprune.graph;

import java.util.List;
import java.util.Objects;

/**
 * A set of channels that are kept or removed together (METHOD.md, "Channel groups"): the output
 * channels of one or more coupled producers (convolutions whose outputs are added), everything that
 * carries them unchanged (BatchNormalization, activation, pooling, dropout, global pooling, masks,
 * residual adds, concatenations), and the input channels of the layers that read them.
 *
 * <p>This is the "group" of Torch-Pruning's dependency graph (G. Fang et al., "DepGraph: Towards Any
 * Structural Pruning", CVPR 2023) for the channel masks of B. Li et al., "AutoPruning for Deep Neural
 * Network with Dynamic Channel Masking", arXiv:2010.12021 (2020).
 *
 * <p>Immutable. The id is the name of the group's first mask layer (topological order) when it has
 * masks, otherwise the name of the node that first produced it.
 */
public final class ChannelGroup {

    private final String id;
    private final long channels;
    private final List<String> producers;
    private final List<String> carriers;
    private final List<GroupConsumer> consumers;
    private final List<String> maskNames;
    private final int minChannels;
    private final int channelMultiple;
    private final List<String> blockers;

    ChannelGroup(String id, long channels, List<String> producers, List<String> carriers,
                 List<GroupConsumer> consumers, List<String> maskNames, int minChannels, int channelMultiple,
                 List<String> blockers) {
        this.id = Objects.requireNonNull(id, "id");
        this.channels = channels;
        this.producers = List.copyOf(producers);
        this.carriers = List.copyOf(carriers);
        this.consumers = List.copyOf(consumers);
        this.maskNames = List.copyOf(maskNames);
        this.minChannels = minChannels;
        this.channelMultiple = channelMultiple;
        this.blockers = List.copyOf(blockers);
    }

    /** The stable id: the first mask's layer name, or for an unmasked group its first producer's name. */
    public String id() {
        return id;
    }

    /** The channel count C. */
    public long channels() {
        return channels;
    }

    /** The layers that create these channels: convolutions (masked or not), separable convolutions, dense layers. */
    public List<String> producers() {
        return producers;
    }

    /** The layers and vertices that pass the channels through (BN, activation, pooling, masks, adds, merges...). */
    public List<String> carriers() {
        return carriers;
    }

    /** The layers that read the channels, with the offset and unit of the group in their inputs. */
    public List<GroupConsumer> consumers() {
        return consumers;
    }

    /** The mask layers governing the group, in topological order; all of them are tied. Empty if unmasked. */
    public List<String> maskNames() {
        return maskNames;
    }

    /** Whether at least one mask governs the group. */
    public boolean isMasked() {
        return !maskNames.isEmpty();
    }

    /** The fewest channels the group may keep (the masks' {@code minChannels}; 1 when unmasked). */
    public int minChannels() {
        return minChannels;
    }

    /** The multiple hard channel counts are rounded to (the masks' setting; 1 when unmasked). */
    public int channelMultiple() {
        return channelMultiple;
    }

    /** Why the channels cannot be pruned (network input, network output, unsupported layer...); empty if prunable. */
    public List<String> blockers() {
        return blockers;
    }

    /** Whether nothing blocks pruning these channels. */
    public boolean isPrunable() {
        return blockers.isEmpty();
    }

    @Override
    public String toString() {
        return "ChannelGroup{id=" + id + ", channels=" + channels + ", producers=" + producers + ", masks=" + maskNames
                + ", consumers=" + consumers + (blockers.isEmpty() ? "" : ", blockers=" + blockers) + "}";
    }
}

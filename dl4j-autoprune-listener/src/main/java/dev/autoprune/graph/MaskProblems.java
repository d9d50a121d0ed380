package dev.autoprune.graph;

import java.util.List;

/** The texts of the mask-placement problems the group analysis reports: each names the layer and the fix. */
final class MaskProblems {

    private MaskProblems() {
    }

    /** {@code node} follows {@code mask} and makes the zeroed channels non-zero again. */
    static String afterMask(GraphNode mask, GraphNode node, String why) {
        if (mask.kind() == NodeKind.MASKED_CONVOLUTION && node.kind() == NodeKind.BATCH_NORM) {
            return mask.describe() + " is followed by " + node.describe() + ", which undoes its mask. Use a plain "
                    + "ConvolutionLayer there and put a ChannelMaskLayer after the BatchNormalization (and its activation).";
        }
        return node.describe() + " follows the mask " + mask.describe() + " of the same channels and " + why
                + ", so the masked channels are no longer zero. Move the mask after " + node.describe() + ".";
    }

    /** A mask reads several groups, or flattened features. */
    static String maskSpansGroups(GraphNode mask, int runs, String runsText) {
        return "The mask " + mask.describe() + " spans " + (runs != 1 ? runs + " channel groups" : "flattened features")
                + " " + runsText + "; a mask must govern exactly one group's channels. Put one mask on each branch "
                + "before the concatenation, or before the flattening.";
    }

    /** A layer reads channels of a masked group on a path where no mask has zeroed them. */
    static String readsUnzeroed(GraphNode reader, String groupId, List<String> masks) {
        return reader.describe() + " reads channels of group \"" + groupId + "\" that none of its masks " + masks
                + " has zeroed on this path, so removing them would change the output. Put a mask of the group after "
                + "the last per-channel layer before " + reader.describe() + ".";
    }

    /** A layer that needs {@code min} input channels reads only a group whose masks may keep fewer. */
    static String tooFewInputs(GraphNode reader, String groupId, List<String> masks, int min) {
        return reader.describe() + " reads only group \"" + groupId + "\", whose masks " + masks + " may keep fewer "
                + "than " + min + " channels, and " + reader.layer().getClass().getSimpleName() + " needs at least "
                + min + " input channels (DL4J 1.0.0-M2.1). Set minChannels >= " + min + " on those masks.";
    }

    /** Tied masks of one group disagree on their settings. */
    static String tiedSettings(String first, String other, String groupId, int min, int multiple, int otherMin,
                               int otherMultiple) {
        return "The tied masks \"" + first + "\" and \"" + other + "\" of group \"" + groupId
                + "\" have different minChannels/channelMultiple (" + min + "/" + multiple + " vs "
                + otherMin + "/" + otherMultiple + "); give them the same settings.";
    }

    /** Masks govern channels that something blocks. */
    static String blockedMasks(List<String> masks, String groupId, List<String> blockers) {
        return "The masks " + masks + " govern channels of group \"" + groupId + "\" that cannot be pruned: they "
                + String.join("; ", blockers) + ". Remove these masks or change the network there.";
    }
}

package dev.autoprune.compact;

import dev.autoprune.graph.NodeKind;

/** The slicer for each node kind that has channel-dependent parameters, or null. */
final class Slicers {

    private Slicers() {
    }

    static LayerSlicer forKind(NodeKind kind) {
        return switch (kind) {
            case CONVOLUTION, MASKED_CONVOLUTION -> new ConvolutionSlicer();
            case DEPTHWISE -> new DepthwiseSlicer();
            case SEPARABLE -> new SeparableSlicer();
            case DENSE, OUTPUT -> new DenseSlicer();
            case BATCH_NORM -> new BatchNormSlicer();
            default -> null;
        };
    }
}

package dev.autoprune.graph;

import dev.autoprune.layers.ChannelMaskLayer;
import dev.autoprune.layers.MaskedConvolutionLayer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.graph.ScaleVertex;
import org.deeplearning4j.nn.conf.graph.ShiftVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.Convolution2D;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.Pooling2D;
import org.deeplearning4j.nn.conf.layers.SeparableConvolution2D;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.conf.layers.convolutional.Cropping2D;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** Maps DL4J layer and vertex configurations to {@link NodeKind}s, with the reason when unsupported. */
final class NodeClassifier {

    private static final Set<Class<?>> SPATIAL = Set.of(SubsamplingLayer.class, Pooling2D.class, Upsampling2D.class,
            ZeroPaddingLayer.class, Cropping2D.class);

    private NodeClassifier() {
    }

    /** A kind, with the reason when it is {@link NodeKind#UNSUPPORTED}. */
    record Result(NodeKind kind, String reason) {
        static Result of(NodeKind kind) {
            return new Result(kind, null);
        }

        static Result unsupported(String reason) {
            return new Result(NodeKind.UNSUPPORTED, reason);
        }
    }

    static Result classifyLayer(Layer layer, InputType in, InputType out) {
        String format = nonNchw(in, out);
        if (format != null) {
            return Result.unsupported(format);
        }
        Class<?> c = layer.getClass();
        if (layer instanceof MaskedConvolutionLayer) {
            return requireCnn(in, NodeKind.MASKED_CONVOLUTION);
        }
        if (layer instanceof ChannelMaskLayer) {
            return Result.of(NodeKind.MASK);
        }
        if (c == ConvolutionLayer.class || c == Convolution2D.class) {
            return requireCnn(in, NodeKind.CONVOLUTION);
        }
        if (c == DepthwiseConvolution2D.class) {
            int m = ((DepthwiseConvolution2D) layer).getDepthMultiplier();
            return m == 1 ? requireCnn(in, NodeKind.DEPTHWISE)
                    : Result.unsupported("depth multiplier " + m + " (only 1 is supported for channel pruning)");
        }
        if (c == SeparableConvolution2D.class) {
            return requireCnn(in, NodeKind.SEPARABLE);
        }
        if (c == DenseLayer.class) {
            return requireFeedForward(in, NodeKind.DENSE);
        }
        if (c == OutputLayer.class) {
            return requireFeedForward(in, NodeKind.OUTPUT);
        }
        if (c == LossLayer.class || c == CnnLossLayer.class) {
            return Result.of(NodeKind.LOSS);
        }
        if (c == BatchNormalization.class) {
            return Result.of(NodeKind.BATCH_NORM);
        }
        if (c == ActivationLayer.class) {
            return Result.of(NodeKind.ACTIVATION);
        }
        if (c == DropoutLayer.class) {
            return Result.of(NodeKind.DROPOUT);
        }
        if (SPATIAL.contains(c)) {
            return requireCnn(in, NodeKind.SPATIAL);
        }
        if (c == GlobalPoolingLayer.class) {
            int[] dims = ((GlobalPoolingLayer) layer).getPoolingDimensions();
            if (dims != null && !Arrays.equals(dims, new int[] {2, 3})) {
                return Result.unsupported("global pooling over dimensions " + Arrays.toString(dims)
                        + " (only the spatial dimensions [2, 3] keep channels apart)");
            }
            return requireCnn(in, NodeKind.GLOBAL_POOLING);
        }
        return Result.unsupported("no channel-pruning rule for " + c.getSimpleName());
    }

    static Result classifyVertex(GraphVertex vertex, List<InputType> in, InputType out) {
        for (InputType t : in) {
            String format = nonNchw(t, out);
            if (format != null) {
                return Result.unsupported(format);
            }
        }
        if (vertex instanceof MergeVertex merge) {
            return merge.getMergeAxis() == 1 ? Result.of(NodeKind.MERGE)
                    : Result.unsupported("merge along axis " + merge.getMergeAxis() + " (only the channel axis 1)");
        }
        if (vertex instanceof ElementWiseVertex) {
            return Result.of(NodeKind.ELEMENTWISE);
        }
        if (vertex instanceof ScaleVertex) {
            return Result.of(NodeKind.SCALE);
        }
        if (vertex instanceof ShiftVertex) {
            return Result.of(NodeKind.SHIFT);
        }
        if (vertex instanceof PreprocessorVertex) {
            return Result.of(NodeKind.PREPROCESSOR);
        }
        return Result.unsupported("no channel-pruning rule for " + vertex.getClass().getSimpleName());
    }

    private static Result requireCnn(InputType in, NodeKind kind) {
        return in instanceof InputType.InputTypeConvolutional ? Result.of(kind)
                : Result.unsupported("expects 2-D convolutional input [mb, C, H, W], found " + in);
    }

    private static Result requireFeedForward(InputType in, NodeKind kind) {
        return in instanceof InputType.InputTypeFeedForward ? Result.of(kind)
                : Result.unsupported("expects feed-forward input [mb, n], found " + in);
    }

    private static String nonNchw(InputType... types) {
        for (InputType t : types) {
            if (t instanceof InputType.InputTypeConvolutional c && c.getFormat() != CNN2DFormat.NCHW) {
                return "data format " + c.getFormat() + " (only NCHW is supported)";
            }
        }
        return null;
    }
}

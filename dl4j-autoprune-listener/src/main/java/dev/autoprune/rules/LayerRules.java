package dev.autoprune.rules;

import dev.autoprune.graph.NodeKind;
import dev.autoprune.layers.ChannelMaskLayer;
import dev.autoprune.layers.MaskedConvolutionLayer;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.FrozenVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.L2NormalizeVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.graph.ScaleVertex;
import org.deeplearning4j.nn.conf.graph.ShiftVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.CenterLossOutputLayer;
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
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.conf.layers.objdetect.Yolo2OutputLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registry that maps DL4J layer and vertex configuration classes to their {@link LayerRule}s.
 *
 * <p>A class gets the rule registered for exactly that class: {@code DepthwiseConvolution2D} extends
 * {@code ConvolutionLayer} but pruning treats it differently, so inheritance alone gives no rule
 * (unless the superclass's rule {@link LayerRule#coversSubclasses() covers subclasses}, as the mask
 * layers' rules do). Frozen wrappers ({@code FrozenLayer}, {@code FrozenLayerWithBackprop},
 * {@code FrozenVertex}) are looked through by the analysis, so register the wrapped type. A layer
 * without a rule is unsupported ("no channel-pruning rule for X") and the channels that reach it are
 * not pruned.
 *
 * <p>To prune a layer type of your own, register a rule for it before calling
 * {@code AutoPrune.prunable}, e.g. the built-in convolution rule for a subclass of
 * {@code ConvolutionLayer} that keeps its weight layout:
 * <pre>{@code
 * LayerRules.register(MyConvolution.class, LayerRules.of(ConvolutionLayer.class).orElseThrow());
 * }</pre>
 * The registry is global and thread-safe. Registering over a built-in type or over an earlier
 * registration is refused; {@link #replace} does it on purpose.
 */
public final class LayerRules {

    private static final Map<Class<?>, LayerRule> BUILT_IN = builtIn();
    private static final Map<Class<?>, LayerRule> REGISTERED = new ConcurrentHashMap<>();

    private LayerRules() {
    }

    private static Map<Class<?>, LayerRule> builtIn() {
        Map<Class<?>, LayerRule> m = new LinkedHashMap<>();
        LayerRule conv = new ConvolutionRule();
        m.put(ConvolutionLayer.class, conv);
        m.put(Convolution2D.class, conv);
        m.put(MaskedConvolutionLayer.class, new MaskedConvolutionRule());
        m.put(DepthwiseConvolution2D.class, new DepthwiseRule());
        m.put(SeparableConvolution2D.class, new SeparableRule());
        m.put(DenseLayer.class, new DenseRule());
        m.put(OutputLayer.class, new OutputLayerRule());
        LayerRule loss = new LossRule();
        m.put(LossLayer.class, loss);
        m.put(CnnLossLayer.class, loss);
        m.put(Yolo2OutputLayer.class, loss);
        m.put(CenterLossOutputLayer.class, new CenterLossOutputRule());
        m.put(BatchNormalization.class, new BatchNormRule());
        m.put(ActivationLayer.class, new ActivationRule());
        m.put(DropoutLayer.class, new PassThroughRule(NodeKind.DROPOUT, false));
        LayerRule spatial = new PassThroughRule(NodeKind.SPATIAL, true);
        for (Class<?> c : new Class<?>[] {SubsamplingLayer.class, Pooling2D.class, Upsampling2D.class,
                ZeroPaddingLayer.class, Cropping2D.class}) {
            m.put(c, spatial);
        }
        m.put(GlobalPoolingLayer.class, new GlobalPoolingRule());
        m.put(ChannelMaskLayer.class, new ChannelMaskRule());
        m.put(MergeVertex.class, new MergeRule());
        m.put(ElementWiseVertex.class, new ElementWiseRule());
        m.put(ScaleVertex.class, new PassThroughRule(NodeKind.SCALE, false));
        m.put(ShiftVertex.class, new ShiftRule());
        m.put(PreprocessorVertex.class, new PassThroughRule(NodeKind.PREPROCESSOR, false));
        m.put(L2NormalizeVertex.class, new PassThroughRule(NodeKind.NORMALIZE, false));
        return Collections.unmodifiableMap(m);
    }

    /**
     * The rule of a layer or vertex configuration class: a registered one, else the built-in one for
     * exactly this class, else the nearest superclass's rule if that rule covers subclasses; empty when
     * the type is unsupported.
     */
    public static Optional<LayerRule> of(Class<?> type) {
        Objects.requireNonNull(type, "type");
        LayerRule exact = lookup(type);
        if (exact != null) {
            return Optional.of(exact);
        }
        for (Class<?> c = type.getSuperclass(); c != null; c = c.getSuperclass()) {
            LayerRule r = lookup(c);
            if (r != null) {
                return r.coversSubclasses() ? Optional.of(r) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static LayerRule lookup(Class<?> type) {
        LayerRule r = REGISTERED.get(type);
        return r != null ? r : BUILT_IN.get(type);
    }

    /**
     * Registers the rule of a layer or vertex type of your own.
     *
     * @param type a DL4J layer ({@code org.deeplearning4j.nn.conf.layers.Layer}) or graph vertex
     *             configuration class, not a frozen wrapper
     * @throws IllegalArgumentException if the type is not a layer or vertex configuration class, has a
     *                                  built-in rule, or already has a registered rule (use {@link #replace})
     */
    public static void register(Class<?> type, LayerRule rule) {
        validate(type, rule);
        if (BUILT_IN.containsKey(type)) {
            throw new IllegalArgumentException(type.getName() + " has a built-in channel-pruning rule; to override "
                    + "it on purpose, call LayerRules.replace(" + type.getSimpleName() + ".class, rule).");
        }
        LayerRule before = REGISTERED.putIfAbsent(type, rule);
        if (before != null) {
            throw new IllegalArgumentException(type.getName() + " already has a registered channel-pruning rule ("
                    + before.getClass().getName() + "); call LayerRules.replace(" + type.getSimpleName()
                    + ".class, rule) to replace it, or LayerRules.unregister first.");
        }
    }

    /**
     * Sets the rule of a type, replacing any registered one and taking precedence over a built-in one.
     *
     * @throws IllegalArgumentException if the type is not a layer or vertex configuration class
     */
    public static void replace(Class<?> type, LayerRule rule) {
        validate(type, rule);
        REGISTERED.put(type, rule);
    }

    /**
     * Removes the rule registered for a type (a built-in rule it replaced applies again).
     *
     * @return whether a rule was registered
     */
    public static boolean unregister(Class<?> type) {
        return REGISTERED.remove(Objects.requireNonNull(type, "type")) != null;
    }

    /** Whether the type has a built-in rule (registered or not over it). */
    public static boolean isBuiltIn(Class<?> type) {
        return BUILT_IN.containsKey(type);
    }

    /** The configuration classes with a built-in rule. */
    public static Set<Class<?>> builtInTypes() {
        return BUILT_IN.keySet();
    }

    private static void validate(Class<?> type, LayerRule rule) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(rule, "rule of " + type.getName());
        if (!Layer.class.isAssignableFrom(type) && !GraphVertex.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException(type.getName() + " is not a DL4J layer or vertex configuration class "
                    + "(org.deeplearning4j.nn.conf.layers.Layer or org.deeplearning4j.nn.conf.graph.GraphVertex)");
        }
        if (type == FrozenLayer.class || type == FrozenLayerWithBackprop.class || type == FrozenVertex.class
                || type == LayerVertex.class) {
            throw new IllegalArgumentException(type.getSimpleName() + " is a wrapper that the analysis looks through; "
                    + "register the rule of the wrapped layer type instead.");
        }
    }
}

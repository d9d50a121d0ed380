package dev.autoprune.cost;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Times one layer on its own: the seconds of one forward pass of a layer configuration on a batch of
 * the given input type (its input preprocessor included). {@link Nd4jLayerTimer} times the real DL4J
 * layer on the current ND4J backend; {@link LatencyModel} fits its per-layer models to these times.
 * The backend and thread count it reports key the latency cache, so times measured on one machine
 * setup are never reused on another.
 */
public interface LayerTimer {

    /**
     * Seconds of one forward pass (inference mode) of {@code layer} alone on a batch of {@code batchSize}
     * examples of type {@code input}; the layer's nIn follows {@code input}, its nOut is as configured.
     */
    double seconds(Layer layer, InputType input, int batchSize);

    /** The backend the times are valid for (default: the ND4J backend's class and the CPU architecture). */
    default String backend() {
        return Nd4j.getBackend().getClass().getSimpleName() + "/" + System.getProperty("os.arch");
    }

    /** The thread count the times are valid for (default: ND4J's maximum threads). */
    default int threads() {
        return Nd4j.getEnvironment().maxThreads();
    }
}

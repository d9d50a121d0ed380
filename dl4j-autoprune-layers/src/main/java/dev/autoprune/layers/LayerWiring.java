package dev.autoprune.layers;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;

/** Connects a new layer implementation to its configuration, listeners and parameter views, as DL4J expects. */
final class LayerWiring {

    private LayerWiring() {
    }

    /**
     * Gives the implementation its listeners, index, parameter view (split into named parameters by the
     * initializer) and configuration.
     *
     * @param layer            the new implementation
     * @param initializer      the parameter initializer of the layer configuration
     * @param conf             the configuration
     * @param listeners        the network's listeners
     * @param layerIndex       the layer's index in the network
     * @param paramsView       the layer's part of the network's flat parameter vector
     * @param initializeParams whether to initialise the parameters (false when they are restored)
     * @return the layer
     */
    static Layer wire(Layer layer, ParamInitializer initializer, NeuralNetConfiguration conf,
                      Collection<TrainingListener> listeners, int layerIndex, INDArray paramsView,
                      boolean initializeParams) {
        layer.setListeners(listeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(paramsView);
        layer.setParamTable(initializer.init(conf, paramsView, initializeParams));
        layer.setConf(conf);
        return layer;
    }
}

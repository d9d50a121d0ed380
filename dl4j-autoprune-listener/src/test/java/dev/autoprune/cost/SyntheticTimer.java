package dev.autoprune.cost;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;

import java.util.ArrayList;
import java.util.List;

/**
 * A deterministic {@link LayerTimer} for tests: a layer "takes" {@code 1e-4 + 1e-6*cin + 2e-6*cout +
 * 3e-8*cin*cout*batch} seconds for a layer with nIn and nOut, {@code 1e-4 + 3e-6*cin} for a per-channel one
 * (planes in the widths, so the fit is exact), or that plus a curvature term, and the calls are recorded. No test times anything real.
 */
public final class SyntheticTimer implements LayerTimer {

    private final String backend;
    private final double curvature;
    final List<String> calls = new ArrayList<>();

    public SyntheticTimer(String backend, double curvature) {
        this.backend = backend;
        this.curvature = curvature;
    }

    @Override
    public double seconds(Layer layer, InputType input, int batchSize) {
        long cin = TimedLayer.channels(input);
        if (!(layer instanceof FeedForwardLayer f) || layer instanceof BatchNormalization) {
            calls.add(layer.getLayerName() + ":" + cin);
            return 1e-4 + 3e-6 * cin + curvature * 1e-7 * cin * cin; // per-channel layers: linear in the width
        }
        long cout = ((FeedForwardLayer) layer).getNOut();
        calls.add(layer.getLayerName() + ":" + cin + "x" + cout);
        return 1e-4 + 1e-6 * cin + 2e-6 * cout + 3e-8 * cin * cout * batchSize + curvature * 1e-7 * cin * cin;
    }

    @Override
    public String backend() {
        return backend;
    }

    @Override
    public int threads() {
        return 1;
    }
}

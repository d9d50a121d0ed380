package dev.autoprune.bench;

import dev.autoprune.examples.ResidualGraphExample;
import org.deeplearning4j.nn.conf.inputs.InputType;

import java.util.function.LongFunction;

/**
 * The networks the latency benchmark prunes, networks and graphs alike (through {@link BenchModel}): the
 * two {@link BenchNets} networks, and the residual ComputationGraph of {@link ResidualGraphExample}
 * (a stem and two residual blocks whose adds tie their channels into one group) at width 8, half the
 * example's 16, so that its epochs fit a shared 2-core machine. A graph of {@code BenchNets} joins as one
 * more constant.
 */
public enum LatencyNets {
    /** {@link BenchNets.Net#LENET}, Adam 1e-3. */
    LENET(seed -> BenchModel.of(BenchNets.Net.LENET.conf(seed, 1e-3))),
    /** {@link BenchNets.Net#VGG_BN}, Adam 1e-3. */
    VGG_BN(seed -> BenchModel.of(BenchNets.Net.VGG_BN.conf(seed, 1e-3))),
    /** {@link ResidualGraphExample#configuration} at width 8 (its own Adam 3e-3), 28x28x1 input. */
    RESIDUAL(seed -> BenchModel.of(ResidualGraphExample.configuration(8, seed), InputType.convolutional(28, 28, 1)));

    private final LongFunction<BenchModel> factory;

    LatencyNets(LongFunction<BenchModel> factory) {
        this.factory = factory;
    }

    /** A new, initialised network with this weight-initialisation seed. */
    BenchModel build(long seed) {
        return factory.apply(seed);
    }
}

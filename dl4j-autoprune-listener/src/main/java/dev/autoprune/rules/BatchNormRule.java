package dev.autoprune.rules;

import dev.autoprune.compact.LayerSlicer;
import dev.autoprune.compact.Slicers;
import dev.autoprune.flops.CostContext;
import dev.autoprune.flops.CostTerms;
import dev.autoprune.flops.Polynomial;
import dev.autoprune.graph.ChannelFlow;
import dev.autoprune.graph.Channels;
import dev.autoprune.graph.NodeKind;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Optional;

/**
 * {@code BatchNormalization}: per-channel scale and shift, so it carries the group but rescales every
 * channel back (a mask before it is undone, so the mask moves past it). One MAC per element (its
 * inference form folded to one scale-and-shift); every parameter is one value per channel; |gamma|
 * ranks the channels (Z. Liu et al., "Learning Efficient Convolutional Networks through Network
 * Slimming", ICCV 2017).
 */
final class BatchNormRule implements LayerRule {

    @Override
    public NodeKind kind() {
        return NodeKind.BATCH_NORM;
    }

    @Override
    public Channels flow(ChannelFlow flow) {
        return flow.unmask("rescales every channel back (BatchNormalization undoes a mask before it)");
    }

    @Override
    public CostTerms cost(CostContext c) {
        BatchNormalization bn = (BatchNormalization) c.layer();
        Polynomial macs = Polynomial.product(c.outputPositions(), c.out());
        Polynomial params = Polynomial.product(bn.isLockGammaBeta() ? 2 : 4, c.out());
        return CostTerms.of(macs, params);
    }

    @Override
    public Optional<LayerSlicer> slicer() {
        return Optional.of(Slicers.perChannel());
    }

    @Override
    public boolean maskMovesPast() {
        return true;
    }

    @Override
    public Optional<double[]> channelScales(Layer layer) {
        INDArray gamma = layer.getParam("gamma");
        return gamma == null ? Optional.empty() : Optional.of(Transforms.abs(gamma, true).toDoubleVector());
    }
}

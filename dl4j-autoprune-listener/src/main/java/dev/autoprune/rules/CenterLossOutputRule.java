package dev.autoprune.rules;

import dev.autoprune.compact.LayerSlicer;
import dev.autoprune.compact.Slicers;
import dev.autoprune.flops.CostContext;
import dev.autoprune.flops.CostTerms;
import dev.autoprune.flops.Polynomial;
import org.deeplearning4j.nn.conf.layers.CenterLossOutputLayer;

import java.util.Optional;

/**
 * {@code CenterLossOutputLayer}: an output layer that also learns one centre per class in its input
 * space. It reads its input features like {@code OutputLayer} ({@code nIn*nOut} MACs); its parameters
 * are W [nIn, nOut], b [1, nOut] and the centres cL [nOut, nIn], which keep the kept input columns.
 */
final class CenterLossOutputRule extends OutputLayerRule {

    @Override
    public CostTerms cost(CostContext c) {
        CostTerms dense = Costs.dense(c, ((CenterLossOutputLayer) c.layer()).hasBias());
        return CostTerms.of(dense.macs(), dense.params().plus(Polynomial.product(1, c.in(), c.out())));
    }

    @Override
    public Optional<LayerSlicer> slicer() {
        return Optional.of(Slicers.centerLoss());
    }
}

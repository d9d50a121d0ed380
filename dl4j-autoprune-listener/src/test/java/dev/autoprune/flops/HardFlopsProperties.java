package dev.autoprune.flops;

import dev.autoprune.cost.FlopsCostModel;
import dev.autoprune.layers.ChannelMaskLayer;
import dev.autoprune.layers.MaskMode;
import dev.autoprune.layers.MaskedConvolutionLayer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Hard FLOPs of a masked network equal the FLOPs of the same network built with the kept widths. */
class HardFlopsProperties {

    /** One conv block: width, kept channels, kernel, BatchNormalization or not, pooling after or not. */
    record Block(int width, int kept, int kernel, boolean bn, boolean pool) {
    }

    @Provide
    Arbitrary<Block> block() {
        return Combinators.combine(Arbitraries.integers().between(1, 6), Arbitraries.doubles().between(0, 1),
                        Arbitraries.of(1, 3), Arbitraries.of(true, false), Arbitraries.of(true, false))
                .as((w, f, k, bn, pool) -> new Block(w, 1 + (int) Math.floor(f * (w - 1) + 0.5), k, bn, pool));
    }

    @Property(tries = 60)
    void hardFlopsEqualDirectlyBuiltNetwork(@ForAll("blocks") List<Block> blocks, @ForAll("dense") int dense,
                                            @ForAll("keptDense") double keptDense) {
        int denseKept = Math.max(1, (int) Math.round(keptDense * dense));
        InputType in = InputType.convolutional(9, 9, 2);
        FlopsCounter masked = FlopsCounter.of(network(blocks, dense, true, false), in);
        FlopsCounter plain = FlopsCounter.of(network(blocks, denseKept, false, true), in);
        Map<String, Integer> kept = new LinkedHashMap<>();
        for (int i = 0; i < blocks.size(); i++) {
            kept.put("m" + i, blocks.get(i).kept());
        }
        kept.put("md", denseKept);
        assertEquals(plain.totalFlops(), masked.hardFlops(kept));
        assertEquals(plain.totalParams(), masked.hardParams(kept));
        FlopsCostModel model = FlopsCostModel.of(masked.groups());
        assertEquals(plain.totalFlops() / (double) masked.totalFlops(), model.hardFraction(kept), 1e-12);
    }

    @Provide
    Arbitrary<List<Block>> blocks() {
        return block().list().ofMinSize(1).ofMaxSize(3);
    }

    @Provide
    Arbitrary<Integer> dense() {
        return Arbitraries.integers().between(1, 5);
    }

    @Provide
    Arbitrary<Double> keptDense() {
        return Arbitraries.doubles().between(0, 1);
    }

    private static MultiLayerConfiguration network(List<Block> blocks, int dense, boolean masks, boolean keptWidths) {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder()
                .convolutionMode(ConvolutionMode.Same).list();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            Block k = blocks.get(i);
            int width = keptWidths ? k.kept() : k.width();
            String mask = "m" + i;
            names.add(mask);
            if (masks && !k.bn()) {
                b.layer(new MaskedConvolutionLayer.Builder(k.kernel(), k.kernel()).name(mask).nOut(width)
                        .activation(Activation.RELU).maskMode(MaskMode.HARD).build());
            } else {
                b.layer(new ConvolutionLayer.Builder(k.kernel(), k.kernel()).nOut(width)
                        .activation(k.bn() ? Activation.IDENTITY : Activation.RELU).build());
                if (k.bn()) {
                    b.layer(new BatchNormalization.Builder().build())
                            .layer(new ActivationLayer.Builder().activation(Activation.RELU).build());
                }
                if (masks) {
                    b.layer(new ChannelMaskLayer.Builder().name(mask).maskMode(MaskMode.HARD).build());
                }
            }
            if (k.pool()) {
                b.layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build());
            }
        }
        b.layer(new DenseLayer.Builder().nOut(dense).activation(Activation.RELU).build());
        if (masks) {
            b.layer(new ChannelMaskLayer.Builder().name("md").maskMode(MaskMode.HARD).build());
        }
        return b.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(9, 9, 2)).build();
    }
}

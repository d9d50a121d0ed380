package dev.autoprune.listener;

import dev.autoprune.cost.FlopsCostModel;
import dev.autoprune.layers.MaskedLayer;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A search that ends without meeting the stopping rule hardens inside its band where it can, never above
 * the target: every group's ratio logit moves by one common shift, down from above the target, up from
 * below the band ({@link TargetProjection}).
 */
class TargetProjectionTest {

    private static final InputType INPUT = InputType.convolutional(ListenerTestData.SIZE, ListenerTestData.SIZE, 1);
    private static final double TARGET = 0.3;

    /** Per mask layer, its ratio logit theta. */
    private static Map<String, Double> thetas(MultiLayerNetwork net) {
        return perMask(net, MaskedLayer::theta);
    }

    private static Map<String, Double> ratios(MultiLayerNetwork net) {
        return perMask(net, MaskedLayer::ratio);
    }

    private static Map<String, Double> perMask(MultiLayerNetwork net, ToDoubleFunction<MaskedLayer> value) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Layer l : net.getLayers()) {
            if (l instanceof MaskedLayer m) {
                out.put(l.conf().getLayer().getLayerName(), value.applyAsDouble(m));
            }
        }
        return out;
    }

    /**
     * One search epoch with a penalty too weak to move the ratios (lambda 1e-6), then one fine-tune epoch:
     * the listener and the masks' logits, ratios and hard fraction as the search left them (recorded by a
     * listener called before the pruner at the epoch's end).
     */
    private record SearchEnd(AutoPruneListener pruner, Map<String, Double> thetas, Map<String, Double> ratios,
                             double hard) {
        static SearchEnd ofOneSearchEpoch(MultiLayerNetwork net, double target) {
            AutoPruneListener pruner = AutoPruneListener.builder().targetFlops(target).lambda(1e-6).warmupEpochs(0)
                    .maxSearchEpochs(1).fineTuneEpochs(1).build();
            Map<String, Double> thetas = new LinkedHashMap<>();
            Map<String, Double> ratios = new LinkedHashMap<>();
            double[] hard = new double[1];
            net.setListeners(new BaseTrainingListener() {
                @Override
                public void onEpochEnd(Model model) {
                    thetas.putAll(TargetProjectionTest.thetas(net));
                    ratios.putAll(TargetProjectionTest.ratios(net));
                    hard[0] = pruner.hardFraction();
                }
            }, pruner);
            net.fit(ListenerTestData.iterator(160, 32, 4));
            return new SearchEnd(pruner, thetas, ratios, hard[0]);
        }
    }

    @Test
    void aSearchEndingAboveTheTargetHardensAtOrBelowItWithOneCommonShift() {
        MultiLayerNetwork net = ListenerTestData.cnnNet(4);
        // A penalty too weak to move the ratios in one short search epoch: it ends far above the target.
        SearchEnd end = SearchEnd.ofOneSearchEpoch(net, TARGET);
        AutoPruneListener pruner = end.pruner();
        Map<String, Double> before = end.thetas();
        Map<String, Double> ratiosBefore = end.ratios();

        assertEquals(Phase.FINE_TUNE, pruner.phase());
        assertTrue(end.hard() > TARGET + 0.1, "the search must end well above the target: " + end.hard());
        double hard = pruner.hardFraction();
        assertTrue(pruner.settings().meetsTarget(hard), "hardened at " + hard + ", target " + TARGET
                + " tolerance " + pruner.settings().tolerance());

        Map<String, Double> after = thetas(net);
        List<String> names = List.copyOf(after.keySet());
        double shift = before.get(names.get(0)) - after.get(names.get(0));
        assertTrue(shift > 0, "lowered: " + shift);
        for (String n : names) {
            assertEquals(shift, before.get(n) - after.get(n), 1e-6, "one common shift (theta stored as float), mask " + n);
        }
        // The groups' ratios keep their order.
        Map<String, Double> ratiosAfter = ratios(net);
        double d0 = ratiosBefore.get(names.get(0)) - ratiosBefore.get(names.get(1));
        double d1 = ratiosAfter.get(names.get(0)) - ratiosAfter.get(names.get(1));
        assertTrue(Math.signum(d0) == Math.signum(d1) && d0 != 0, "ratio order " + ratiosBefore + " -> " + ratiosAfter);
        // Every group keeps at least one channel.
        pruner.keptChannels().forEach((g, k) -> assertTrue(k >= 1, g + " kept " + k));
    }

    /** Sets mask1's and mask2's ratio logits (the first and second mask layer of the test CNN). */
    private static void setThetas(MultiLayerNetwork net, double first, double second) {
        double[] next = {first, second};
        int i = 0;
        for (Layer l : net.getLayers()) {
            if (l instanceof MaskedLayer m) {
                m.setTheta(next[i++]);
            }
        }
    }

    @Test
    void aSearchRunningOutBelowTheBandIsRaisedToTheTargetAndKeepsTheGroupsOrder() {
        // Started far below the target (by much more than the tolerance) with a penalty too weak to move the
        // ratios: the search runs out below the band, and the ratios go up together, to at most the target.
        MultiLayerNetwork net = ListenerTestData.cnnNet(4);
        setThetas(net, -1.5, -2.5);
        double target = 0.6;
        SearchEnd end = SearchEnd.ofOneSearchEpoch(net, target);
        AutoPruneListener pruner = end.pruner();
        Map<String, Double> before = end.thetas();
        Map<String, Double> ratiosBefore = end.ratios();

        assertEquals(Phase.FINE_TUNE, pruner.phase());
        double tolerance = pruner.settings().tolerance();
        assertTrue(end.hard() < target - 2 * tolerance, "the search must run out well below the band: "
                + end.hard());
        double hard = pruner.hardFraction();
        assertTrue(hard <= target, "never above the target: " + hard);
        assertTrue(hard > end.hard() + tolerance, "raised towards the target: " + end.hard() + " -> " + hard);
        Map<String, Double> after = thetas(net);
        after.forEach((n, t) -> assertTrue(t > before.get(n), "mask " + n + " raised: " + before.get(n) + " -> " + t));
        List<String> names = List.copyOf(after.keySet());
        Map<String, Double> ratiosAfter = ratios(net);
        assertTrue(ratiosBefore.get(names.get(0)) > ratiosBefore.get(names.get(1))
                && ratiosAfter.get(names.get(0)) >= ratiosAfter.get(names.get(1)),
                "ratio order " + ratiosBefore + " -> " + ratiosAfter);
    }

    @Test
    void aSearchRunningOutInsideTheBandIsNotMoved() {
        // A tolerance so wide that the whole range below the target is the band, and a patience the search
        // never reaches: it runs out inside the band, and the logits stay where the search left them.
        MultiLayerNetwork net = ListenerTestData.cnnNet(4);
        setThetas(net, -1.0, -1.0);
        AutoPruneListener pruner = AutoPruneListener.builder().targetFlops(0.95).tolerance(0.9).patience(100_000)
                .lambda(1e-6).warmupEpochs(0).maxSearchEpochs(1).fineTuneEpochs(1).build();
        Map<String, Double> before = new LinkedHashMap<>();
        net.setListeners(new BaseTrainingListener() {
            @Override
            public void onEpochEnd(Model model) {
                before.putAll(thetas(net));
            }
        }, pruner);
        net.fit(ListenerTestData.iterator(160, 32, 4));
        assertEquals(Phase.FINE_TUNE, pruner.phase());
        assertTrue(pruner.settings().meetsTarget(pruner.hardFraction()), "" + pruner.hardFraction());
        assertEquals(before, thetas(net));
    }

    @Test
    void aCostWhoseMinimumWidthsStayAboveTheTargetIsRefusedByName() {
        // A cost model whose hard fraction never falls (its stated floor is the real, lower one): no shift reaches
        // the target, and the listener says so instead of hardening above it.
        MultiLayerNetwork net = ListenerTestData.cnnNet(4);
        AutoPruneListener pruner = AutoPruneListener.builder()
                .costModel(TestCosts.fixedHard(FlopsCostModel.of(net, INPUT), 0.9)).target(0.5).warmupEpochs(0)
                .maxSearchEpochs(1).fineTuneEpochs(1).build();
        net.setListeners(pruner);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> net.fit(ListenerTestData.iterator(160, 32, 4)));
        assertTrue(e.getMessage().contains("even every group at its fewest channels keeps 0.9000"), e.getMessage());
        assertTrue(e.getMessage().contains("raise the target or lower minChannels"), e.getMessage());
    }
}

package dev.autoprune.bench;

import dev.autoprune.examples.data.BatchOptions;
import dev.autoprune.examples.data.LabeledImages;
import dev.autoprune.listener.AutoPruneListener;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One seed of the quality benchmark on one net (a MultiLayerNetwork or a ComputationGraph): trains the
 * baseline, then runs every method asked for from it with the same epoch budget, and hands each
 * measured row to a sink at once. The methods: the baseline trained on with a fresh optimiser; per
 * target, AutoPrune from the baseline, then at AutoPrune's hard FLOPs uniform L1 ({@link UniformL1Pruning})
 * and global magnitude pruning ({@link GlobalMagnitudePruning}), each fine-tuned, and AutoPrune's
 * architecture trained from scratch. Every model gets its own iterators with the seed's batch order,
 * so a row does not depend on which other rows ran before it in the process.
 */
final class QualitySeedRun {

    private static final Logger log = LoggerFactory.getLogger(QualitySeedRun.class);

    /** Builds AutoPrune's listener for a target FLOPs fraction, given the held-out data for its ratio steps. */
    interface PrunerFactory {
        /** A new listener for {@code target}. */
        AutoPruneListener create(double target, DataSetIterator validation);
    }

    /** Receives each row as soon as it is measured (e.g. to rewrite the CSV, so a stopped run keeps it). */
    interface RowSink {
        /** Takes one row. */
        void accept(QualityRow row) throws IOException;
    }

    private final Set<QualityBenchmark.Method> methods;
    private final int batch;
    private final int baseEpochs;
    private final int pruneEpochs;
    private final PrunerFactory pruners;
    private final RowSink sink;

    /**
     * @param methods     what runs besides the baseline
     * @param batch       the minibatch size
     * @param baseEpochs  epochs of baseline training
     * @param pruneEpochs epochs every method gets after the baseline (AutoPrune: search, then fine-tune)
     * @param pruners     AutoPrune's listener per target
     * @param sink        where the rows go
     */
    QualitySeedRun(Set<QualityBenchmark.Method> methods, int batch, int baseEpochs, int pruneEpochs,
                   PrunerFactory pruners, RowSink sink) {
        this.methods = methods.isEmpty() ? EnumSet.noneOf(QualityBenchmark.Method.class) : EnumSet.copyOf(methods);
        this.batch = batch;
        this.baseEpochs = baseEpochs;
        this.pruneEpochs = pruneEpochs;
        this.pruners = pruners;
        this.sink = sink;
    }

    /** Runs one seed of {@code net} at every target. */
    void run(BenchNets.Net net, long seed, List<Double> targets, LabeledImages train, LabeledImages val,
             LabeledImages test) throws IOException {
        Supplier<DataSetIterator> trainData =
                () -> train.iterator(BatchOptions.builder().batchSize(batch).shuffle(seed).build());
        Supplier<DataSetIterator> valData =
                () -> val.iterator(BatchOptions.builder().batchSize(batch).shuffle(seed + 1).build());
        Scorer score = new Scorer(net.name(), seed, test.iterator(BatchOptions.of(256)));
        int allEpochs = baseEpochs + pruneEpochs;

        // 1. Baseline.
        long t0 = System.nanoTime();
        BenchModel base = net.network(seed, 1e-3);
        base.fit(trainData.get(), baseEpochs);
        score.baseline(base);
        sink.accept(score.row(1.0, "baseline", base, baseEpochs, t0));

        // 2. Control: the baseline trained on with a fresh optimiser for the pruning budget.
        if (methods.contains(QualityBenchmark.Method.FRESH)) {
            t0 = System.nanoTime();
            BenchModel more = base.freshCopy();
            more.fit(trainData.get(), pruneEpochs);
            sink.accept(score.row(1.0, "baseline+fresh-optimizer", more, allEpochs, t0));
        }
        // 2b. Control: the baseline trained on with its own optimiser state (Adam's moments and step count kept),
        // which tells what the restart that every method inheriting the baseline goes through costs or gains.
        if (methods.contains(QualityBenchmark.Method.CONTINUED)) {
            t0 = System.nanoTime();
            BenchModel continued = base.continuedCopy();
            continued.fit(trainData.get(), pruneEpochs);
            sink.accept(score.row(1.0, "baseline-continued", continued, allEpochs, t0));
        }
        if (!methods.contains(QualityBenchmark.Method.AUTOPRUNE)) {
            return;
        }
        for (double target : targets) {
            // 3. AutoPrune from the trained baseline.
            t0 = System.nanoTime();
            BenchModel prunable = base.prunable();
            AutoPruneListener pruner = pruners.create(target, valData.get());
            prunable.addListeners(pruner);
            DataSetIterator trainIt = trainData.get();
            int used = 0;
            while (!pruner.isDone() && used < pruneEpochs) {
                prunable.fit(trainIt, 1); // resets first, as for every model: all see the same batch orders
                used++;
            }
            BenchModel compact = prunable.compact();
            compact.fit(trainIt, pruneEpochs - used); // the search stopped early: spend the rest fine-tuning
            double apFlops = (double) compact.flops() / score.fullFlops;
            sink.accept(score.row(target, "autoprune", compact, allEpochs, t0));
            log.info("AutoPrune {} seed {} target {}: kept {} (membership changes {})", net, seed, target,
                    pruner.keptChannels(), pruner.membershipChanges());

            // 4. Uniform L1 at AutoPrune's hard FLOPs.
            if (methods.contains(QualityBenchmark.Method.L1)) {
                t0 = System.nanoTime();
                BenchModel l1 = UniformL1Pruning.prune(base, apFlops).network().freshCopy();
                l1.fit(trainData.get(), pruneEpochs);
                sink.accept(score.row(target, "uniform-L1", l1, allEpochs, t0));
            }
            // 5. Global magnitude pruning at (or just below) AutoPrune's hard FLOPs.
            if (methods.contains(QualityBenchmark.Method.GLOBAL)) {
                t0 = System.nanoTime();
                BenchModel global = GlobalMagnitudePruning.prune(base, apFlops).network().freshCopy();
                global.fit(trainData.get(), pruneEpochs);
                sink.accept(score.row(target, "global-magnitude", global, allEpochs, t0));
            }
            // 6. Control: AutoPrune's architecture from scratch, whole budget.
            if (methods.contains(QualityBenchmark.Method.SCRATCH)) {
                t0 = System.nanoTime();
                BenchModel scratch = compact.untrainedCopy();
                scratch.fit(trainData.get(), allEpochs);
                sink.accept(score.row(target, "autoprune-arch-from-scratch", scratch, allEpochs, t0));
            }
        }
    }

    /** Measures rows of one net and seed against its baseline's FLOPs and widths. */
    private static final class Scorer {
        private final String net;
        private final long seed;
        private final DataSetIterator test;
        private long fullFlops;
        private KeptWidths widths;

        Scorer(String net, long seed, DataSetIterator test) {
            this.net = net;
            this.seed = seed;
            this.test = test;
        }

        void baseline(BenchModel base) {
            fullFlops = base.flops();
            widths = KeptWidths.of(base);
        }

        QualityRow row(double target, String method, BenchModel model, int epochs, long t0) {
            double seconds = (System.nanoTime() - t0) / 1e9;
            QualityRow r = new QualityRow(net, target, method, seed, model.accuracy(test),
                    (double) model.flops() / fullFlops, model.params(), epochs, seconds, widths.describe(model));
            log.info("RESULT {}", r);
            return r;
        }
    }
}

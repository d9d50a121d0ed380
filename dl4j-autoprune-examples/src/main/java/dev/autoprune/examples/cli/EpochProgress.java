package dev.autoprune.examples.cli;

import dev.autoprune.listener.AutoPruneListener;
import dev.autoprune.listener.Phase;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Prints one line per training epoch: the epoch, the pruning phase (and the next one when it
 * changed), the mean loss, the soft and hard FLOPs fractions against the target, the epoch time and
 * an estimate of the time left. Add it after the {@link AutoPruneListener} it reports on, or with
 * no pruner for plain training.
 *
 * <p>An epoch in which the search stopped (the target held for {@code patience} checks, or the
 * last search epoch ended) is labelled {@code SEARCH (stopped)}: the listener counts only whole
 * epochs with hard masks as fine-tuning, so only those are labelled {@code FINE_TUNE}. While the
 * search runs, the epoch total is the most the run may take ({@code <=}); once it has stopped, it
 * is the exact number of epochs the run will have taken. A search that repeats short epochs to
 * reach its fewest iterations ({@code PruneSettings.minSearchIterations}) has many of them: then
 * only about {@value #LINES} lines are printed, plus one per phase change and the last.
 *
 * <pre>
 * prune    epoch  2/&lt;=4  SEARCH (stopped)    loss 0.5312  FLOPs soft 0.561 hard 0.570 target 0.500  11.2 s  ETA 0:11
 * prune    epoch  3/3     FINE_TUNE           loss 0.4870  FLOPs soft 0.561 hard 0.570 target 0.500  10.9 s  ETA 0:00
 * </pre>
 */
public final class EpochProgress extends BaseTrainingListener {

    /** About how many lines a run with many epochs prints. */
    static final int LINES = 25;

    private final PrintWriter out;
    private final String label;
    private final AutoPruneListener pruner;
    private final int plannedEpochs;

    private int epoch;
    private int firstEpoch;
    private int fineTuneEpochsSeen;
    private long epochStart;
    private long totalNanos;
    private double lossSum;
    private int iterations;
    private Phase phaseAtStart;
    private String lastLabel;

    /**
     * @param out where the lines go
     * @param label what is trained, e.g. {@code "baseline"} or {@code "prune"}
     * @param pruner the pruning listener to report on, or null for plain training
     * @param plannedEpochs the epochs planned (for plain training); with a pruner, its
     *     {@link AutoPruneListener#maxTotalEpochs()} is read after each epoch instead
     */
    public EpochProgress(PrintWriter out, String label, AutoPruneListener pruner, int plannedEpochs) {
        this.out = out;
        this.label = label;
        this.pruner = pruner;
        this.plannedEpochs = plannedEpochs;
    }

    /**
     * Counts on from the epochs of an interrupted run that this one resumes.
     *
     * @param epochsDone the epochs the interrupted run trained
     * @return this
     */
    EpochProgress resumedAfter(int epochsDone) {
        this.epoch = epochsDone;
        this.firstEpoch = epochsDone;
        return this;
    }

    @Override
    public void onEpochStart(Model model) {
        epochStart = System.nanoTime();
        lossSum = 0;
        iterations = 0;
        phaseAtStart = null;
    }

    /** The phase of the epoch's first minibatch, taken before its weight step can end the search. */
    @Override
    public void onForwardPass(Model model, java.util.List<org.nd4j.linalg.api.ndarray.INDArray> activations) {
        notePhase();
    }

    @Override
    public void onForwardPass(Model model, java.util.Map<String, org.nd4j.linalg.api.ndarray.INDArray> activations) {
        notePhase();
    }

    private void notePhase() {
        if (phaseAtStart == null && pruner != null) {
            phaseAtStart = pruner.phase();
        }
    }

    @Override
    public void iterationDone(Model model, int iteration, int ep) {
        notePhase();
        double s = model.score();
        if (Double.isFinite(s)) {
            lossSum += s;
            iterations++;
        }
    }

    @Override
    public void onEpochEnd(Model model) {
        epoch++;
        long nanos = System.nanoTime() - epochStart;
        totalNanos += nanos;
        String phaseLabel = null;
        if (pruner != null) {
            Phase now = pruner.phase();
            Phase was = phaseAtStart == null ? now : phaseAtStart;
            if (was == Phase.FINE_TUNE) {
                fineTuneEpochsSeen++;
            }
            phaseLabel = label(was, now);
        }
        boolean changed = phaseLabel != null && !phaseLabel.equals(lastLabel);
        lastLabel = phaseLabel;
        if (pruner != null && !changed && !pruner.isDone() && epoch % stride() != 0) {
            return; // one of many short epochs
        }
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-8s epoch %2d/%-4s", label, epoch,
                total()));
        if (phaseLabel != null) {
            line.append(String.format(Locale.ROOT, " %-18s", phaseLabel));
        }
        line.append(String.format(Locale.ROOT, "  loss %.4f", iterations == 0 ? Double.NaN : lossSum / iterations));
        if (pruner != null) {
            line.append(flops());
        }
        line.append(String.format(Locale.ROOT, "  %5.1f s  ETA %s", nanos / 1e9, eta()));
        out.println(line);
        out.flush();
    }

    /** The phase an epoch trained in, said so that only whole fine-tuning epochs read FINE_TUNE. */
    private static String label(Phase was, Phase now) {
        if (was == now) {
            return was.toString();
        }
        if (was == Phase.SEARCH) {
            return "SEARCH (stopped)";
        }
        return was.toString(); // WARMUP -> SEARCH, FINE_TUNE -> DONE: the epoch trained in the first
    }

    /** The epoch total: planned for plain training, exact once the search stopped, else an upper bound. */
    private String total() {
        if (pruner == null) {
            return Integer.toString(plannedEpochs);
        }
        if (pruner.isDone()) {
            return Integer.toString(epoch);
        }
        if (pruner.phase() == Phase.FINE_TUNE) {
            return Integer.toString(epoch + Math.max(1, pruner.settings().fineTuneEpochs() - fineTuneEpochsSeen));
        }
        return "<=" + planned();
    }

    /** The epochs planned: the pruner's most (which may grow once an epoch's iterations are known), else as given. */
    private int planned() {
        return pruner == null ? plannedEpochs : pruner.maxTotalEpochs();
    }

    /** Print every {@code stride()}-th epoch: every one for a run of up to about {@link #LINES} epochs. */
    private int stride() {
        return Math.max(1, planned() / LINES);
    }

    private String flops() {
        try {
            return String.format(Locale.ROOT, "  FLOPs soft %.3f hard %.3f target %.3f", pruner.softFraction(),
                    pruner.hardFraction(), pruner.settings().target());
        } catch (IllegalStateException notBound) {
            return "  FLOPs n/a";
        }
    }

    private String eta() {
        int left;
        String prefix = "";
        if (pruner == null) {
            left = Math.max(0, plannedEpochs - epoch);
        } else if (pruner.isDone()) {
            left = 0;
        } else if (pruner.phase() == Phase.FINE_TUNE) {
            left = Math.max(1, pruner.settings().fineTuneEpochs() - fineTuneEpochsSeen);
        } else {
            left = Math.max(1, planned() - epoch);
            prefix = "<= "; // the search may stop early when the target is met
        }
        long seconds = Math.round(totalNanos / 1e9 / (epoch - firstEpoch) * left);
        return prefix + String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}

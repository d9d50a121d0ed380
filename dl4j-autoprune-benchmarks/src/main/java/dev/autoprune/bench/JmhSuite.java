package dev.autoprune.bench;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Runs the JMH benchmarks in one JVM session per benchmark class and writes the ratios to
 * {@code BENCHMARKS.md} (sections {@code jmh-training} and {@code jmh-inference}) and the raw JMH
 * results to {@code bench-results/}.
 */
@Command(name = "jmh-suite", mixinStandardHelpOptions = true,
        description = "Training-step overhead and inference speed-up benchmarks (JMH); writes BENCHMARKS.md.")
public final class JmhSuite implements Callable<Integer> {

    @Option(names = "--quick", description = "Fewer and shorter iterations (about 4 minutes instead of about 15).")
    boolean quick;

    @Option(names = "--markdown", description = "The file to write the figures to (default: ${DEFAULT-VALUE}).")
    Path markdown = Path.of("BENCHMARKS.md");

    @Option(names = "--results", description = "Folder for the raw JMH JSON (default: ${DEFAULT-VALUE}).")
    Path results = Path.of("bench-results");

    @Option(names = "--only", description = "training or inference (default: both).")
    String only;

    /** Entry point. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new JmhSuite()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(results);
        String command = "bash bench/run-jmh.sh" + (quick ? " --quick" : "");
        if (only == null || only.equals("training")) {
            Collection<RunResult> r = run(TrainingStepBenchmark.class, "training");
            MarkdownSection.write(markdown, "jmh-training", trainingTable(r, command));
        }
        if (only == null || only.equals("inference")) {
            Collection<RunResult> r = run(InferenceBenchmark.class, "inference");
            MarkdownSection.write(markdown, "jmh-inference", inferenceTable(r, command));
        }
        return 0;
    }

    private Collection<RunResult> run(Class<?> benchmark, String name) throws RunnerException {
        Options opts = new OptionsBuilder()
                .include(benchmark.getSimpleName())
                .forks(1)
                .warmupIterations(quick ? 2 : 4).warmupTime(TimeValue.seconds(quick ? 1 : 2))
                .measurementIterations(quick ? 3 : 6).measurementTime(TimeValue.seconds(quick ? 1 : 2))
                .resultFormat(ResultFormatType.JSON)
                .result(results.resolve("jmh-" + name + ".json").toString())
                .build();
        return new Runner(opts).run();
    }

    private static String key(RunResult r, String... params) {
        StringBuilder sb = new StringBuilder();
        for (String p : params) {
            sb.append(r.getParams().getParam(p)).append('|');
        }
        return sb.toString();
    }

    static String trainingTable(Collection<RunResult> results, String command) {
        Map<String, double[]> byKey = new LinkedHashMap<>();
        for (RunResult r : results) {
            byKey.put(key(r, "net", "variant"), new double[] {r.getPrimaryResult().getScore(),
                    r.getPrimaryResult().getScoreError()});
        }
        StringBuilder sb = new StringBuilder();
        sb.append("### Training-step overhead (JMH, one iteration, batch 64)\n\n");
        sb.append("Command: `").append(command).append("`. ").append(MarkdownSection.machine()).append("\n\n");
        sb.append("| network | plain (ms) | masked SOFT (ms) | ratio | masked HARD (ms) | ratio |\n");
        sb.append("|---|---:|---:|---:|---:|---:|\n");
        for (String net : new String[] {"LENET", "VGG_BN"}) {
            double[] plain = byKey.get(net + "|plain|");
            double[] soft = byKey.get(net + "|masked-soft|");
            double[] hard = byKey.get(net + "|masked-hard|");
            if (plain == null || soft == null || hard == null) {
                continue;
            }
            sb.append(String.format(Locale.ROOT, "| %s | %.2f ± %.2f | %.2f ± %.2f | **%.3f** | %.2f ± %.2f | %.3f |%n",
                    net, plain[0], plain[1], soft[0], soft[1], soft[0] / plain[0], hard[0], hard[1], hard[0] / plain[0]));
        }
        sb.append("\nTarget: masked/plain <= 1.10. SOFT is a weight step during the search (the ratio step is a "
                + "separate pass, counted in the search cost below); HARD is fine-tuning.\n");
        return sb.toString();
    }

    static String inferenceTable(Collection<RunResult> results, String command) throws IOException {
        Map<String, Double> time = new LinkedHashMap<>();
        for (RunResult r : results) {
            time.put(key(r, "net", "flops", "batch"), r.getPrimaryResult().getScore());
        }
        StringBuilder sb = new StringBuilder();
        sb.append("### Inference latency: compacted vs original (JMH, `output(x)`)\n\n");
        sb.append("Command: `").append(command).append("`. ").append(MarkdownSection.machine())
                .append(" Compacted networks from uniform L1 pruning at the target; FLOPs speed-up = 1 / hard FLOPs fraction.\n\n");
        sb.append("| network | target | hard FLOPs | FLOPs speed-up | batch 1 (µs) | speed-up | batch 64 (µs) | speed-up | realized / FLOPs (b64) |\n");
        sb.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (String net : new String[] {"LENET", "VGG_BN"}) {
            Double base1 = time.get(net + "|1.0|1|");
            Double base64 = time.get(net + "|1.0|64|");
            if (base1 == null || base64 == null) {
                continue;
            }
            for (String f : new String[] {"0.5", "0.3", "0.1"}) {
                Double t1 = time.get(net + "|" + f + "|1|");
                Double t64 = time.get(net + "|" + f + "|64|");
                if (t1 == null || t64 == null) {
                    continue;
                }
                double hard = hardFlops(net, Double.parseDouble(f));
                double flopsSpeedup = 1 / hard;
                sb.append(String.format(Locale.ROOT, "| %s | %s | %.3f | %.2fx | %.0f | %.2fx | %.0f | %.2fx | %.2f |%n",
                        net, f, hard, flopsSpeedup, t1, base1 / t1, t64, base64 / t64, (base64 / t64) / flopsSpeedup));
            }
        }
        return sb.toString();
    }

    /** The hard FLOPs fraction of the compacted network the inference benchmark builds. */
    static double hardFlops(String net, double target) {
        BenchModel original = BenchNets.Net.valueOf(net).network(42, 1e-3);
        BenchModel small = UniformL1Pruning.prune(original, target).network();
        return (double) small.flops() / original.flops();
    }
}

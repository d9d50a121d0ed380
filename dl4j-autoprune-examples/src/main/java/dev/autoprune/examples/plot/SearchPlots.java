package dev.autoprune.examples.plot;

import dev.autoprune.examples.cli.AtomicFiles;
import dev.autoprune.listener.SearchRecord;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Charts of a pruning search ({@code AutoPruneListener.history()}) drawn with XChart: the
 * remaining ratio of every channel group over the iterations, and the soft and hard FLOPs
 * fractions against the target. PNG files are written atomically.
 */
public final class SearchPlots {

    /** File name of the ratio chart. */
    public static final String RATIOS_FILE = "ratios.png";
    /** File name of the FLOPs chart. */
    public static final String FLOPS_FILE = "flops.png";

    private static final int WIDTH = 900;
    private static final int HEIGHT = 540;

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private SearchPlots() {
    }

    /**
     * The per-group remaining ratio over the iterations.
     *
     * @param history the listener's history, not empty
     * @return the chart
     */
    public static XYChart ratios(List<SearchRecord> history) {
        requireData(history);
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Remaining ratio per channel group").xAxisTitle("iteration").yAxisTitle("remaining ratio r")
                .build();
        Set<String> groups = new LinkedHashSet<>();
        history.forEach(r -> groups.addAll(r.ratios().keySet()));
        double[] x = iterations(history);
        for (String g : groups) {
            double[] y = new double[history.size()];
            for (int i = 0; i < y.length; i++) {
                y[i] = history.get(i).ratios().getOrDefault(g, Double.NaN);
            }
            line(chart.addSeries(g, x, y));
        }
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        return chart;
    }

    /**
     * The soft and hard FLOPs fractions over the iterations, with the target as a flat line.
     *
     * @param history the listener's history, not empty
     * @param target the target FLOPs fraction
     * @return the chart
     */
    public static XYChart flops(List<SearchRecord> history, double target) {
        requireData(history);
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title("FLOPs fraction vs target").xAxisTitle("iteration").yAxisTitle("FLOPs / full FLOPs").build();
        double[] x = iterations(history);
        double[] soft = new double[x.length];
        double[] hard = new double[x.length];
        double[] goal = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            soft[i] = history.get(i).softFlops();
            hard[i] = history.get(i).hardFlops();
            goal[i] = target;
        }
        line(chart.addSeries("soft (expected)", x, soft));
        line(chart.addSeries("hard (kept channels)", x, hard));
        line(chart.addSeries("target " + target, x, goal));
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        return chart;
    }

    /**
     * Writes both charts as PNG files into a folder.
     *
     * @param history the listener's history, not empty
     * @param target the target FLOPs fraction
     * @param dir the folder (created if needed)
     * @return the two files written
     * @throws IOException if a file cannot be written
     */
    public static List<Path> write(List<SearchRecord> history, double target, Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        files.add(writePng(ratios(history), dir.resolve(RATIOS_FILE)));
        files.add(writePng(flops(history, target), dir.resolve(FLOPS_FILE)));
        return files;
    }

    /**
     * Writes a chart as a PNG file, atomically.
     *
     * @param chart the chart
     * @param file the target file
     * @return the file
     * @throws IOException if it cannot be written
     */
    public static Path writePng(XYChart chart, Path file) throws IOException {
        AtomicFiles.writeBytes(file, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
        return file;
    }

    private static void line(XYSeries s) {
        s.setMarker(SeriesMarkers.NONE);
    }

    private static double[] iterations(List<SearchRecord> history) {
        double[] x = new double[history.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = history.get(i).iteration();
        }
        return x;
    }

    private static void requireData(List<SearchRecord> history) {
        if (history == null || history.isEmpty()) {
            throw new IllegalArgumentException("The search history is empty: the listener took no ratio step, so "
                    + "there is nothing to plot");
        }
    }
}

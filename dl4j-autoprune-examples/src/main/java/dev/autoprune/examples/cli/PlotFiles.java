package dev.autoprune.examples.cli;

import dev.autoprune.examples.plot.SearchPlots;
import dev.autoprune.listener.AutoPruneListener;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * Writes the two search plots of a finished listener and says so. A machine that cannot draw
 * (no fonts for AWT) gets a one-line note instead of a failed run: the plots are an extra, the
 * models and reports are already written.
 */
final class PlotFiles {

    private PlotFiles() {
    }

    static void write(AutoPruneListener pruner, Path ratios, Path flops, PrintWriter out) throws IOException {
        if (pruner.history().isEmpty()) {
            out.println("no plots: the search took no ratio step");
            return;
        }
        try {
            SearchPlots.writePng(SearchPlots.ratios(pruner.history()), ratios);
            SearchPlots.writePng(SearchPlots.flops(pruner.history(), pruner.settings().target()), flops);
            out.println("wrote " + ratios + ", " + flops);
        } catch (LinkageError | java.awt.AWTError | UnsupportedOperationException e) {
            out.println("no plots: this Java cannot draw images (" + ModelFile.oneLine(e)
                    + "); install a font package such as fonts-dejavu-core");
        }
    }
}

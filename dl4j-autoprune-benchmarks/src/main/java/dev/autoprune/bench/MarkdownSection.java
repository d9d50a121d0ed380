package dev.autoprune.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a benchmark's figures into its own section of {@code BENCHMARKS.md}, between
 * {@code <!-- BEGIN name -->} and {@code <!-- END name -->}, leaving the rest of the file as it is.
 * The file is written to a temporary file first and then moved into place.
 */
public final class MarkdownSection {

    private MarkdownSection() {
    }

    /** Replaces (or appends) section {@code name} of {@code file} with {@code body}. */
    public static void write(Path file, String name, String body) throws IOException {
        String begin = "<!-- BEGIN " + name + " -->";
        String end = "<!-- END " + name + " -->";
        String text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "# Benchmarks\n";
        String block = begin + "\n" + body.stripTrailing() + "\n" + end;
        int b = text.indexOf(begin);
        int e = text.indexOf(end);
        String updated;
        if (b >= 0 && e > b) {
            updated = text.substring(0, b) + block + text.substring(e + end.length());
        } else {
            updated = text.stripTrailing() + "\n\n" + block + "\n";
        }
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".benchmarks", ".md");
        Files.writeString(tmp, updated, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The machine line every benchmark table carries. */
    public static String machine() {
        String threads = System.getenv("OMP_NUM_THREADS");
        return String.format("Machine: %d cores, %s %s, Java %s, ND4J backend %s%s.", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version"),
                org.nd4j.linalg.factory.Nd4j.getBackend().getClass().getSimpleName(),
                threads == null ? "" : ", OMP_NUM_THREADS=" + threads);
    }
}

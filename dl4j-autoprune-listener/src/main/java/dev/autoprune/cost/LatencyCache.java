package dev.autoprune.cost;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The latency cache file: the per-layer fits of one measurement, keyed by backend, batch size, thread
 * count and the signature of the timed layers. A file with another key is refused with a message that
 * says which part differs; it is never silently reused or overwritten. Plain {@code .properties} text.
 */
final class LatencyCache {

    static final String FORMAT = "autoprune-latency-2";

    /** What a cache is valid for. */
    record Key(String backend, int batchSize, int threads, String signature) {
    }

    /** What a cache holds. */
    record Entry(Key key, List<LayerLatencyFit> fits, double measuringSeconds) {
    }

    private LatencyCache() {
    }

    /** The fits of a matching cache file; empty when the file does not exist; refused when it does not match. */
    static Optional<Entry> read(Path file, Key expected) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the latency cache " + file, e);
        }
        if (!FORMAT.equals(p.getProperty("format"))) {
            throw new IllegalStateException("Latency cache " + file + " is not a latency cache of this version (format "
                    + p.getProperty("format") + ", expected " + FORMAT + "). Delete it or pass another cache file.");
        }
        Key found = new Key(p.getProperty("backend"), Integer.parseInt(p.getProperty("batchSize")),
                Integer.parseInt(p.getProperty("threads")), p.getProperty("signature"));
        List<String> diff = new ArrayList<>();
        if (!found.backend().equals(expected.backend())) {
            diff.add("backend " + found.backend() + " (now " + expected.backend() + ")");
        }
        if (found.batchSize() != expected.batchSize()) {
            diff.add("batch size " + found.batchSize() + " (now " + expected.batchSize() + ")");
        }
        if (found.threads() != expected.threads()) {
            diff.add(found.threads() + " threads (now " + expected.threads() + ")");
        }
        if (!found.signature().equals(expected.signature())) {
            diff.add("another network (layer signature " + found.signature().substring(0, 12) + ", this network's "
                    + expected.signature().substring(0, 12) + ")");
        }
        if (!diff.isEmpty()) {
            throw new IllegalStateException("Latency cache " + file + " was measured for " + String.join(", ", diff)
                    + "; its times do not hold here. Delete it, or pass another cache file, to measure again.");
        }
        List<LayerLatencyFit> fits = new ArrayList<>();
        int count = Integer.parseInt(p.getProperty("layers"));
        for (int i = 0; i < count; i++) {
            String k = "layer." + i + ".";
            String name = p.getProperty(k + "name");
            String[] c = p.getProperty(k + "coefficients").split(",");
            fits.add(new LayerLatencyFit(name, p.getProperty(k + "type"),
                    Boolean.parseBoolean(p.getProperty(k + "inputVaries")),
                    Boolean.parseBoolean(p.getProperty(k + "outputVaries")),
                    new double[]{Double.parseDouble(c[0]), Double.parseDouble(c[1]), Double.parseDouble(c[2]),
                            Double.parseDouble(c[3])},
                    Double.parseDouble(p.getProperty(k + "measuredFull")), Double.parseDouble(p.getProperty(k + "rmsError")),
                    Double.parseDouble(p.getProperty(k + "maxError")), Integer.parseInt(p.getProperty(k + "points"))));
        }
        return Optional.of(new Entry(found, fits, Double.parseDouble(p.getProperty("measuringSeconds"))));
    }

    /** Writes the cache (through a temporary file, so a crash never leaves half a cache). */
    static void write(Path file, Entry e) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("backend", e.key().backend());
        m.put("batchSize", Integer.toString(e.key().batchSize()));
        m.put("threads", Integer.toString(e.key().threads()));
        m.put("signature", e.key().signature());
        m.put("measuringSeconds", Double.toString(e.measuringSeconds()));
        for (int i = 0; i < e.fits().size(); i++) {
            LayerLatencyFit f = e.fits().get(i);
            String k = "layer." + i + ".";
            m.put(k + "name", f.layer());
            double[] c = f.coefficients();
            m.put(k + "type", f.type());
            m.put(k + "inputVaries", Boolean.toString(f.inputVaries()));
            m.put(k + "outputVaries", Boolean.toString(f.outputVaries()));
            m.put(k + "coefficients", String.format(Locale.ROOT, "%s,%s,%s,%s", c[0], c[1], c[2], c[3]));
            m.put(k + "measuredFull", Double.toString(f.measuredFull()));
            m.put(k + "rmsError", Double.toString(f.rmsError()));
            m.put(k + "maxError", Double.toString(f.maxError()));
            m.put(k + "points", Integer.toString(f.points()));
        }
        m.put("layers", Integer.toString(e.fits().size()));
        Properties p = new Properties();
        p.putAll(m);
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(w, "dl4j-autoprune latency model: per-layer forward-time fits");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException ex) {
            throw new UncheckedIOException("Could not write the latency cache " + file, ex);
        }
    }
}

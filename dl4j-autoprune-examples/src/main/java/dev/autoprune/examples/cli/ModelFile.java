package dev.autoprune.examples.cli;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads and writes DL4J model files (the zips of {@link ModelSerializer}), MultiLayerNetwork or
 * ComputationGraph alike. Reading checks the file step by step so that a wrong path, a file that is
 * not a zip, a zip without a DL4J configuration or a damaged model each get a one-line
 * {@link CliException} naming the file; writing goes through {@link AtomicFiles}.
 */
public final class ModelFile {

    /** The configuration entry ModelSerializer writes into every model zip. */
    static final String CONFIGURATION_ENTRY = "configuration.json";

    private ModelFile() {
    }

    /**
     * Loads a saved network (without its updater state).
     *
     * @param file a zip written by {@code ModelSerializer.writeModel}
     * @return a {@link MultiLayerNetwork} or a {@link ComputationGraph}
     * @throws CliException if the file is missing, unreadable or not a DL4J model
     */
    public static Model load(Path file) {
        if (!Files.exists(file)) {
            throw CliException.input("model file " + file + " does not exist", null);
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw CliException.input("model file " + file + " is not a readable file", null);
        }
        boolean graph = isGraph(file);
        try {
            return graph ? ModelSerializer.restoreComputationGraph(file.toFile(), false)
                    : ModelSerializer.restoreMultiLayerNetwork(file.toFile(), false);
        } catch (IOException | RuntimeException e) {
            throw CliException.input("model file " + file + " could not be loaded as a DL4J "
                    + (graph ? "ComputationGraph" : "MultiLayerNetwork") + ": " + oneLine(e), e);
        }
    }

    /**
     * Saves a network with its updater state, atomically.
     *
     * @param model the network
     * @param file the target zip
     * @throws IOException if writing fails (the target is then unchanged)
     */
    public static void save(Model model, Path file) throws IOException {
        AtomicFiles.write(file, p -> ModelSerializer.writeModel(model, p.toFile(), true));
    }

    private static boolean isGraph(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry entry = zip.getEntry(CONFIGURATION_ENTRY);
            if (entry == null) {
                throw CliException.input("model file " + file + " is a zip without " + CONFIGURATION_ENTRY
                        + "; save DL4J models with ModelSerializer.writeModel", null);
            }
            JsonNode root;
            try (InputStream in = zip.getInputStream(entry)) {
                root = new ObjectMapper().readTree(in);
            }
            if (root != null && root.has("vertices")) {
                return true;
            }
            if (root != null && root.has("confs")) {
                return false;
            }
            throw CliException.input("model file " + file + ": " + CONFIGURATION_ENTRY
                    + " is neither a MultiLayerNetwork nor a ComputationGraph configuration", null);
        } catch (ZipException e) {
            throw CliException.input("model file " + file + " is not a zip (damaged or not a DL4J model): "
                    + oneLine(e), e);
        } catch (IOException e) {
            throw CliException.input("model file " + file + " could not be read: " + oneLine(e), e);
        }
    }

    /** The first line of an exception's message, or its type when it has none. */
    static String oneLine(Throwable e) {
        Throwable t = e;
        while (t.getMessage() == null && t.getCause() != null) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}

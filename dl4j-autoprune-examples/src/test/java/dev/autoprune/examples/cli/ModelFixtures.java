package dev.autoprune.examples.cli;

import dev.autoprune.AutoPrune;
import dev.autoprune.examples.LeNet;
import dev.autoprune.layers.MaskedLayer;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

import java.io.IOException;
import java.nio.file.Path;

/** Saved models for the CLI tests: a plain LeNet and a masked one whose masks drop channels. */
final class ModelFixtures {

    private ModelFixtures() {
    }

    static Path plainLeNet(Path dir) throws IOException {
        Path file = dir.resolve("lenet.zip");
        ModelSerializer.writeModel(LeNet.demo(1), file.toFile(), false);
        return file;
    }

    /** A prunable LeNet whose masks keep about a quarter of each group's channels. */
    static Path maskedLeNet(Path dir) throws IOException {
        MultiLayerNetwork net = AutoPrune.prunable(LeNet.demo(1));
        for (Layer l : net.getLayers()) {
            if (l instanceof MaskedLayer m) {
                m.setTheta(-1.0);
            }
        }
        Path file = dir.resolve("masked.zip");
        ModelSerializer.writeModel(net, file.toFile(), false);
        return file;
    }
}

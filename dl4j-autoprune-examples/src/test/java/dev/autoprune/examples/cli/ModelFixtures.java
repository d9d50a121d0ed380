package dev.autoprune.examples.cli;

import dev.autoprune.AutoPrune;
import dev.autoprune.PrunableOptions;
import dev.autoprune.examples.ImageFolderPruningExample;
import dev.autoprune.examples.LeNet;
import dev.autoprune.layers.MaskedLayer;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.inputs.InputType;
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

    /**
     * The CLI's demo LeNet, prunable in steps of 8 channels (16 -> 8 or 16; 32 -> 8, 16, 24 or 32): so few
     * widths that no FLOPs fraction lies within the default tolerance below 0.9.
     */
    static Path coarseLeNet(Path dir) throws IOException {
        MultiLayerNetwork net = AutoPrune.prunable(LeNet.demo(1), PrunableOptions.builder().channelMultiple(8)
                .build());
        Path file = dir.resolve("coarse.zip");
        ModelSerializer.writeModel(net, file.toFile(), false);
        return file;
    }

    /**
     * The image-folder example's network (built with {@code InputType.convolutional(16, 16, 1)}): plain,
     * and prunable with masks that keep about a quarter of each group's channels.
     */
    static void convolutionalModels(Path plain, Path prunable) throws IOException {
        InputType input = InputType.convolutional(16, 16, 1);
        MultiLayerNetwork net = new MultiLayerNetwork(ImageFolderPruningExample.configuration(16, 1, 2));
        net.init();
        ModelSerializer.writeModel(net, plain.toFile(), false);
        MultiLayerNetwork masked = AutoPrune.prunable(net, PrunableOptions.builder().inputTypes(input).build());
        for (Layer l : masked.getLayers()) {
            if (l instanceof MaskedLayer m) {
                m.setTheta(-1.0);
            }
        }
        ModelSerializer.writeModel(masked, prunable.toFile(), false);
    }
}

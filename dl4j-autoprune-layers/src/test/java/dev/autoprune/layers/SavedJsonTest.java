package dev.autoprune.layers;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * JSON saved by an earlier version of the mask layers (the files under {@code src/test/resources}) still
 * loads into the same configuration and is written again to the letter: a change to the layer
 * configurations' fields or accessors that changes their JSON fails here.
 */
class SavedJsonTest {

    private static final InputType TYPE = InputType.convolutional(6, 6, 2);

    @Test
    void channelMaskLayerWithRecordedTypesLoadsAsSaved() throws IOException {
        MultiLayerConfiguration expected = recorded(TestNets.convMask(DataType.FLOAT, new Adam(1e-3), MaskMode.SOFT));
        assertLoadsAs(expected, "conv-mask-soft-recorded.json");
    }

    @Test
    void maskedConvolutionLayerWithRecordedTypesLoadsAsSaved() throws IOException {
        MultiLayerConfiguration expected = recorded(TestNets.maskedConv(DataType.FLOAT, new Adam(1e-3), MaskMode.HARD));
        assertLoadsAs(expected, "masked-conv-hard-recorded.json");
    }

    @Test
    void handPlacedMaskedConvolutionLayerLoadsAsSaved() throws IOException {
        assertLoadsAs(TestNets.maskedConv(DataType.FLOAT, new Adam(1e-3), MaskMode.HARD), "masked-conv-hard-hand-placed.json");
    }

    private static void assertLoadsAs(MultiLayerConfiguration expected, String file) throws IOException {
        String saved = read(file);
        MultiLayerConfiguration loaded = MultiLayerConfiguration.fromJson(saved);
        assertEquals(expected, loaded, file);
        assertEquals(saved, loaded.toJson(), file);
        assertEquals(saved, expected.toJson(), file);
    }

    private static MultiLayerConfiguration recorded(MultiLayerConfiguration conf) {
        for (int i = 0; i < conf.getConfs().size(); i++) {
            if (conf.getConf(i).getLayer() instanceof MaskableLayerConfig m) {
                m.recordInputTypes(TYPE);
            }
        }
        return conf;
    }

    private static String read(String file) throws IOException {
        try (InputStream in = SavedJsonTest.class.getResourceAsStream(file)) {
            assertNotNull(in, file);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

package dev.autoprune.layers;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The network input types a mask layer records survive JSON, ModelSerializer, Java serialisation and clone. */
class RecordedInputTypesTest {

    private static final InputType[] TYPES = {InputType.convolutional(6, 6, 2)};

    private static MultiLayerConfiguration[] recorded() {
        MultiLayerConfiguration[] confs = {
            TestNets.convMask(DataType.FLOAT, new Adam(1e-3), MaskMode.SOFT),
            TestNets.maskedConv(DataType.FLOAT, new Adam(1e-3), MaskMode.HARD)};
        for (MultiLayerConfiguration c : confs) {
            masks(c).recordInputTypes(TYPES);
        }
        return confs;
    }

    private static MaskableLayerConfig masks(MultiLayerConfiguration conf) {
        for (int i = 0; i < conf.getConfs().size(); i++) {
            if (conf.getConf(i).getLayer() instanceof MaskableLayerConfig m) {
                return m;
            }
        }
        throw new AssertionError("no mask in " + conf);
    }

    @Test
    void handPlacedMasksRecordNothing() {
        assertTrue(masks(TestNets.convMask(DataType.FLOAT, new Adam(1e-3), MaskMode.SOFT)).recordedInputTypes().isEmpty());
        assertTrue(masks(TestNets.maskedConv(DataType.FLOAT, new Adam(1e-3), MaskMode.SOFT)).recordedInputTypes().isEmpty());
    }

    @Test
    void jsonRoundTripKeepsTheTypes() {
        for (MultiLayerConfiguration conf : recorded()) {
            String json = conf.toJson();
            assertTrue(json.contains("networkInputTypes"), json);
            MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(json);
            assertEquals(conf, back);
            assertEquals(json, back.toJson());
            assertArrayEquals(TYPES, masks(back).recordedInputTypes().orElseThrow());
        }
    }

    @Test
    void handPlacedMasksSaveAsBeforeAndLoadWithNothingRecorded() {
        MultiLayerConfiguration plain = TestNets.maskedConv(DataType.FLOAT, new Adam(1e-3), MaskMode.HARD);
        String json = plain.toJson();
        assertFalse(json.contains("networkInputTypes"), "no new field in the JSON of a hand-placed mask");
        assertTrue(masks(MultiLayerConfiguration.fromJson(json)).recordedInputTypes().isEmpty());
    }

    @Test
    void modelSerializerKeepsTheTypes(@TempDir File dir) throws Exception {
        for (MultiLayerConfiguration conf : recorded()) {
            MultiLayerNetwork net = TestNets.init(conf);
            File f = new File(dir, "net.zip");
            ModelSerializer.writeModel(net, f, true);
            MultiLayerNetwork back = ModelSerializer.restoreMultiLayerNetwork(f, true);
            assertArrayEquals(TYPES, masks(back.getLayerWiseConfigurations()).recordedInputTypes().orElseThrow());
            assertArrayEquals(net.params().data().asFloat(), back.params().data().asFloat());
        }
    }

    @Test
    void javaSerialisationAndCloneKeepTheTypes() throws Exception {
        for (MultiLayerConfiguration conf : recorded()) {
            Layer layer = (Layer) masks(conf);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(layer);
            }
            Object back;
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                back = in.readObject();
            }
            assertEquals(layer, back);
            Layer copy = layer.clone();
            assertEquals(layer, copy);
            ((MaskableLayerConfig) copy).recordInputTypes(InputType.convolutional(9, 9, 2));
            assertNotEquals(layer, copy, "the recorded types are part of the configuration");
            assertArrayEquals(TYPES, ((MaskableLayerConfig) layer).recordedInputTypes().orElseThrow(),
                    "a clone records its own copy");
        }
    }

    @Test
    void recordingLeavesTheMaskSettingsAlone() {
        MultiLayerConfiguration plain = TestNets.convMask(DataType.FLOAT, new Adam(1e-3), MaskMode.SOFT);
        MultiLayerConfiguration withTypes = recorded()[0];
        assertEquals(masks(plain).getMaskSettings(), masks(withTypes).getMaskSettings());
        assertEquals(masks(plain).getMaskSettings().toString(), masks(withTypes).getMaskSettings().toString());
    }

    @Test
    void badTypesAreRefusedNamingTheLayer() {
        MaskableLayerConfig m = masks(TestNets.convMask(DataType.FLOAT, new Adam(1e-3), MaskMode.SOFT));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.recordInputTypes());
        assertTrue(e.getMessage().contains("mask"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> m.recordInputTypes((InputType) null));
        assertTrue(e.getMessage().contains("null"), e.getMessage());
        InputType[] given = {InputType.convolutional(6, 6, 2)};
        m.recordInputTypes(given);
        given[0] = InputType.feedForward(3);
        assertEquals(InputType.convolutional(6, 6, 2), m.recordedInputTypes().orElseThrow()[0], "a copy is kept");
    }
}

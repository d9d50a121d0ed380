package dev.autoprune.examples.cli;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class InputShapesTest {

    @Test
    void parsesChannelsHeightWidth() {
        assertEquals(InputType.convolutional(32, 24, 3), InputShapes.parse("3x32x24"));
        assertEquals(InputType.feedForward(784), InputShapes.parse("784"));
        assertNull(InputShapes.parseAll(List.of()));
        assertEquals(2, InputShapes.parseAll(List.of("1x28x28", "3X8X8")).length);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1x28", "0x28x28", "1x-2x28", "axbxc", "1x28x28x1"})
    void rejectsBadShapes(String text) {
        CliException e = assertThrows(CliException.class, () -> InputShapes.parse(text));
        assertEquals(AutoPruneCli.EXIT_USAGE, e.exitCode());
    }
}

package dev.autoprune.examples.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BatchOptionsTest {

    @Test
    void rejectsBadValuesNamingTheField() {
        assertEquals("batchSize must be positive, found 0", assertThrows(
                IllegalArgumentException.class, () -> BatchOptions.of(0)).getMessage());
        assertEquals("limit must be positive, or 0 for no limit, found -3", assertThrows(
                IllegalArgumentException.class,
                () -> BatchOptions.builder().limit(-3)).getMessage());
    }

    @Test
    void defaultsAndValues() {
        BatchOptions defaults = BatchOptions.builder().build();
        assertEquals(BatchOptions.DEFAULT_BATCH_SIZE, defaults.batchSize());
        assertEquals(0, defaults.limit());
        assertFalse(defaults.shuffleSeed().isPresent());

        BatchOptions set = BatchOptions.builder().batchSize(8).limit(100).shuffle(7).build();
        assertEquals(8, set.batchSize());
        assertEquals(100, set.limit());
        assertEquals(7L, set.shuffleSeed().getAsLong());
        assertEquals("BatchOptions[batchSize=8, limit=100, shuffleSeed=7]", set.toString());
        assertFalse(BatchOptions.builder().shuffle(7).noShuffle().build().shuffleSeed().isPresent());
    }
}

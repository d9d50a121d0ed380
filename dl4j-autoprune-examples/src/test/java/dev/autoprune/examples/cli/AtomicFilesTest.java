package dev.autoprune.examples.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AtomicFilesTest {

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporary(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("model.zip");
        Files.writeString(target, "old content");
        assertThrows(IOException.class, () -> AtomicFiles.write(target, p -> {
            Files.writeString(p, "half of the new con");
            throw new IOException("disk full");
        }));
        assertEquals("old content", Files.readString(target));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "temporary file left behind");
        }
    }

    @Test
    void aSuccessfulWriteReplacesTheFile(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("sub").resolve("report.txt");
        AtomicFiles.writeString(target, "first");
        AtomicFiles.writeString(target, "second");
        assertEquals("second", Files.readString(target));
        try (var files = Files.list(target.getParent())) {
            assertEquals(1, files.count());
        }
    }
}

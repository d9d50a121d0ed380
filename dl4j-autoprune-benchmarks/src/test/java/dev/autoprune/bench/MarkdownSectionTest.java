package dev.autoprune.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MarkdownSectionTest {

    @Test
    void replacesOnlyItsOwnSection(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("B.md");
        Files.writeString(f, "# Benchmarks\n\nintro\n");
        MarkdownSection.write(f, "a", "first");
        MarkdownSection.write(f, "b", "second");
        MarkdownSection.write(f, "a", "third");
        assertEquals("# Benchmarks\n\nintro\n\n<!-- BEGIN a -->\nthird\n<!-- END a -->\n\n<!-- BEGIN b -->\nsecond\n"
                + "<!-- END b -->\n", Files.readString(f));
    }
}

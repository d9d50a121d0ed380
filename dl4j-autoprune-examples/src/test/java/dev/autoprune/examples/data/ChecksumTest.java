package dev.autoprune.examples.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChecksumTest {

    @TempDir
    Path dir;

    @Test
    void rejectsMalformedDigests() {
        assertEquals("SHA-256 digest must be 64 hex digits, found \"abc\"", assertThrows(
                IllegalArgumentException.class, () -> Checksum.sha256("abc")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Checksum.md5("z".repeat(32)));
        assertThrows(IllegalArgumentException.class, () -> new Checksum("NOPE-1", "00"));
    }

    @Test
    void computesKnownDigests() throws IOException {
        Path file = Files.write(dir.resolve("abc"), "abc".getBytes(StandardCharsets.US_ASCII));
        Checksum sha = Checksum.sha256(
                "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD");
        assertTrue(sha.matches(file));
        assertEquals(sha, Checksum.sha256Of("abc".getBytes(StandardCharsets.US_ASCII)));
        assertTrue(Checksum.md5("900150983cd24fb0d6963f7d28e17f72").matches(file));
        assertFalse(Checksum.md5("900150983cd24fb0d6963f7d28e17f73").matches(file));
    }
}

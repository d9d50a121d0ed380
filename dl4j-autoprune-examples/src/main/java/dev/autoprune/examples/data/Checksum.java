package dev.autoprune.examples.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An expected message digest of a file: the algorithm ({@code SHA-256} or {@code MD5}) and the
 * digest in lower-case hex.
 *
 * @param algorithm the {@link MessageDigest} algorithm name
 * @param hex the expected digest, lower-case hexadecimal
 */
public record Checksum(String algorithm, String hex) {

    private static final Pattern HEX = Pattern.compile("[0-9a-f]+");

    /**
     * Checks the algorithm exists and the digest has its length; stores the digest lower-case.
     *
     * @param algorithm the {@link MessageDigest} algorithm name
     * @param hex the expected digest, hexadecimal in either case
     * @throws IllegalArgumentException if the algorithm is unknown or the digest malformed
     */
    public Checksum {
        hex = hex.toLowerCase(Locale.ROOT);
        int length = newDigest(algorithm).getDigestLength() * 2;
        if (hex.length() != length || !HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException(algorithm + " digest must be " + length
                    + " hex digits, found \"" + hex + "\"");
        }
    }

    /**
     * Returns an expected SHA-256 digest.
     *
     * @param hex 64 hex digits
     * @return the checksum
     */
    public static Checksum sha256(String hex) {
        return new Checksum("SHA-256", hex);
    }

    /**
     * Returns an expected MD5 digest (for sources that publish only MD5).
     *
     * @param hex 32 hex digits
     * @return the checksum
     */
    public static Checksum md5(String hex) {
        return new Checksum("MD5", hex);
    }

    /**
     * Returns the SHA-256 digest of some bytes.
     *
     * @param data the bytes
     * @return their checksum
     */
    public static Checksum sha256Of(byte[] data) {
        return new Checksum("SHA-256", HexFormat.of().formatHex(newDigest("SHA-256").digest(data)));
    }

    /**
     * Computes this checksum's algorithm over a file.
     *
     * @param file the file
     * @return the file's digest, lower-case hex
     * @throws IOException if the file cannot be read
     */
    public String digestOf(Path file) throws IOException {
        MessageDigest digest = newDigest(algorithm);
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * Tells whether a file has this digest.
     *
     * @param file the file
     * @return true if its digest equals {@link #hex()}
     * @throws IOException if the file cannot be read
     */
    public boolean matches(Path file) throws IOException {
        return hex.equals(digestOf(file));
    }

    private static MessageDigest newDigest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalArgumentException("unknown digest algorithm \"" + algorithm + "\"", e);
        }
    }

    @Override
    public String toString() {
        return algorithm + " " + hex;
    }
}

package dev.autoprune.examples.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files of unsigned bytes, gzip-compressed or plain (the format is detected from the
 * first bytes, not from the file name).
 *
 * <p>An IDX file starts with the magic number {@code 0x00 0x00 type rank}, followed by
 * {@code rank} big-endian 32-bit dimensions and the data. Only the unsigned-byte type
 * ({@code 0x08}) is supported, which is what MNIST and Fashion-MNIST use. Every problem is
 * reported as a {@link DataFileException} naming the file: a missing or unreadable file, a wrong
 * magic number, an unexpected rank, a truncated file, corrupt gzip data or trailing bytes.
 */
public final class IdxReader {

    /** The IDX type byte for unsigned bytes. */
    public static final int TYPE_UNSIGNED_BYTE = 0x08;
    /** The rank of an IDX image file ({@code count x rows x columns}), magic {@code 0x00000803}. */
    public static final int IMAGE_RANK = 3;
    /** The rank of an IDX label file ({@code count}), magic {@code 0x00000801}. */
    public static final int LABEL_RANK = 1;

    private static final int GZIP_MAGIC_0 = 0x1f;
    private static final int GZIP_MAGIC_1 = 0x8b;

    private IdxReader() {
    }

    /**
     * Reads an IDX file of any rank.
     *
     * @param file the file, gzip-compressed or plain
     * @return its contents
     * @throws DataFileException if the file is missing, unreadable or malformed
     */
    public static IdxArray read(Path file) throws DataFileException {
        return read(file, 0);
    }

    /**
     * Reads an IDX image file (rank 3, magic {@code 0x00000803}).
     *
     * @param file the file, gzip-compressed or plain
     * @return the images, shape {@code [count, rows, columns]}
     * @throws DataFileException if the file is missing, unreadable, malformed or not of rank 3
     */
    public static IdxArray readImages(Path file) throws DataFileException {
        return read(file, IMAGE_RANK);
    }

    /**
     * Reads an IDX label file (rank 1, magic {@code 0x00000801}).
     *
     * @param file the file, gzip-compressed or plain
     * @return the labels, shape {@code [count]}
     * @throws DataFileException if the file is missing, unreadable, malformed or not of rank 1
     */
    public static IdxArray readLabels(Path file) throws DataFileException {
        return read(file, LABEL_RANK);
    }

    /**
     * Reads an IDX file from a file, checking its rank.
     *
     * @param file the file, gzip-compressed or plain
     * @param expectedRank the rank the file must have, or 0 to accept any
     * @return its contents
     * @throws DataFileException if the file is missing, unreadable, malformed or of another rank
     */
    public static IdxArray read(Path file, int expectedRank) throws DataFileException {
        String name = file.toString();
        if (Files.isDirectory(file)) {
            throw new DataFileException(name, "is a directory, expected an IDX file");
        }
        InputStream in;
        try {
            in = Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new DataFileException(name, "no such file", e);
        } catch (AccessDeniedException e) {
            throw new DataFileException(name, "cannot be read (permission denied)", e);
        } catch (IOException e) {
            throw new DataFileException(name, "cannot be read (" + e + ")", e);
        }
        try (in) {
            return read(in, name, expectedRank);
        } catch (DataFileException e) {
            throw e;
        } catch (IOException e) {
            throw new DataFileException(name, "cannot be read (" + e + ")", e);
        }
    }

    /**
     * Reads an IDX file from a stream, checking its rank; the stream is not closed.
     *
     * @param stream the bytes, gzip-compressed or plain
     * @param sourceName the name to use in error messages (a file, resource or URL)
     * @param expectedRank the rank the data must have, or 0 to accept any
     * @return its contents
     * @throws DataFileException if the stream cannot be read, is malformed or of another rank
     */
    public static IdxArray read(InputStream stream, String sourceName, int expectedRank)
            throws DataFileException {
        try {
            BufferedInputStream buffered = new BufferedInputStream(stream, 1 << 16);
            buffered.mark(2);
            int b0 = buffered.read();
            int b1 = buffered.read();
            buffered.reset();
            if (b0 < 0) {
                throw new DataFileException(sourceName, "empty file, expected an IDX header");
            }
            boolean gzip = b0 == GZIP_MAGIC_0 && b1 == GZIP_MAGIC_1;
            InputStream in = gzip ? new GZIPInputStream(buffered, 1 << 16) : buffered;
            return readIdx(in, sourceName, expectedRank, gzip);
        } catch (DataFileException e) {
            throw e;
        } catch (EOFException | ZipException e) {
            throw new DataFileException(sourceName,
                    "truncated or corrupt gzip data (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new DataFileException(sourceName, "cannot be read (" + e + ")", e);
        }
    }

    private static IdxArray readIdx(InputStream in, String name, int expectedRank, boolean gzip)
            throws IOException {
        byte[] header = in.readNBytes(4);
        String compressed = gzip ? " after decompression" : "";
        if (header.length < 4) {
            throw new DataFileException(name, "truncated IDX header: " + header.length
                    + " bytes" + compressed + ", expected at least 4");
        }
        int magic = ((header[0] & 0xFF) << 24) | ((header[1] & 0xFF) << 16)
                | ((header[2] & 0xFF) << 8) | (header[3] & 0xFF);
        int type = header[2] & 0xFF;
        int rank = header[3] & 0xFF;
        if (header[0] != 0 || header[1] != 0 || rank == 0) {
            throw new DataFileException(name, String.format("not an IDX file: magic number 0x%08X"
                    + "%s; IDX files start with 0x0000, a type byte and a rank byte, such as "
                    + "0x00000803 for images and 0x00000801 for labels", magic, compressed));
        }
        if (type != TYPE_UNSIGNED_BYTE) {
            throw new DataFileException(name, String.format("unsupported IDX data type 0x%02X "
                    + "(magic number 0x%08X); only unsigned bytes (0x08) are supported",
                    type, magic));
        }
        if (expectedRank != 0 && rank != expectedRank) {
            throw new DataFileException(name, String.format("wrong magic number 0x%08X: expected "
                    + "0x%08X, an IDX %s file of rank %d, found rank %d", magic,
                    TYPE_UNSIGNED_BYTE << 8 | expectedRank, kind(expectedRank), expectedRank,
                    rank));
        }
        byte[] dimBytes = in.readNBytes(4 * rank);
        if (dimBytes.length < 4 * rank) {
            throw new DataFileException(name, "truncated IDX header: " + rank
                    + " dimensions announced but the file ends after " + (4 + dimBytes.length)
                    + " bytes" + compressed);
        }
        int[] shape = new int[rank];
        long total = 1;
        for (int i = 0; i < rank; i++) {
            int d = ((dimBytes[4 * i] & 0xFF) << 24) | ((dimBytes[4 * i + 1] & 0xFF) << 16)
                    | ((dimBytes[4 * i + 2] & 0xFF) << 8) | (dimBytes[4 * i + 3] & 0xFF);
            if (d < 0) {
                throw new DataFileException(name, "invalid IDX header: dimension " + i
                        + " is negative (" + d + ")");
            }
            shape[i] = d;
            total *= d;
        }
        if (total > Integer.MAX_VALUE - 16) {
            throw new DataFileException(name, "invalid IDX header: " + total
                    + " values announced, more than one Java array can hold");
        }
        byte[] data = in.readNBytes((int) total);
        if (data.length < total) {
            throw new DataFileException(name, "truncated: the header announces " + describe(shape)
                    + " = " + total + " bytes of data but only " + data.length + " follow"
                    + compressed);
        }
        if (in.read() >= 0) {
            throw new DataFileException(name, "unexpected bytes after the " + total
                    + " bytes of data announced by the header " + describe(shape)
                    + "; is it the right file?");
        }
        return IdxArray.wrap(shape, data);
    }

    private static String kind(int rank) {
        return switch (rank) {
            case IMAGE_RANK -> "image";
            case LABEL_RANK -> "label";
            default -> "rank-" + rank;
        };
    }

    private static String describe(int[] shape) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < shape.length; i++) {
            s.append(i == 0 ? "" : " x ").append(shape[i]);
        }
        return s.toString();
    }
}

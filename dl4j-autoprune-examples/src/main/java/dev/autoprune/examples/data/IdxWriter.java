package dev.autoprune.examples.data;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Writes IDX files of unsigned bytes, the format {@link IdxReader} reads.
 *
 * <p>Gzip output is reproducible: the same array always gives the same bytes (maximum
 * compression, no time stamp or file name in the gzip header).
 */
public final class IdxWriter {

    private IdxWriter() {
    }

    /**
     * Writes an array to a file, replacing it if present.
     *
     * @param file the file to write
     * @param array the array
     * @param gzip whether to gzip-compress the file
     * @throws IOException if the file cannot be written
     */
    public static void write(Path file, IdxArray array, boolean gzip) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            if (gzip) {
                try (GZIPOutputStream zip = new MaxCompressionGzip(out)) {
                    write(zip, array);
                }
            } else {
                write(out, array);
            }
        }
    }

    /**
     * Writes an array as plain IDX to a stream, which is flushed but not closed.
     *
     * @param stream the destination
     * @param array the array
     * @throws IOException if writing fails
     */
    public static void write(OutputStream stream, IdxArray array) throws IOException {
        DataOutputStream out = new DataOutputStream(stream);
        out.writeShort(0);
        out.writeByte(IdxReader.TYPE_UNSIGNED_BYTE);
        out.writeByte(array.rank());
        for (int i = 0; i < array.rank(); i++) {
            out.writeInt(array.dimension(i));
        }
        out.write(array.sharedData());
        out.flush();
    }

    /** A gzip stream at the best compression level. */
    private static final class MaxCompressionGzip extends GZIPOutputStream {
        MaxCompressionGzip(OutputStream out) throws IOException {
            super(out, 1 << 16);
            def.setLevel(Deflater.BEST_COMPRESSION);
        }
    }
}

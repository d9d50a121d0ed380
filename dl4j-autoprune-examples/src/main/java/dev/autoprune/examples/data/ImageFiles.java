package dev.autoprune.examples.data;

import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;

/**
 * Decodes every image of a folder once in Java (javax.imageio) before training, so that a damaged
 * or mislabelled file is reported by name before any epoch runs, instead of failing deep inside
 * DataVec's native loader mid-training, which also prints libpng/leptonica noise on the terminal.
 * A file whose format Java reads but whose variant it does not support (e.g. a CMYK JPEG) is left
 * to the native loader: only files that are not images or are damaged are refused.
 */
public final class ImageFiles {

    private ImageFiles() {
    }

    /**
     * @param files the image files
     * @throws DataFileException naming the first file that is not a readable image
     */
    public static void verify(List<Path> files) throws DataFileException {
        for (Path file : files) {
            verify(file);
        }
    }

    private static void verify(Path file) throws DataFileException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                throw new DataFileException(file.toString(), "cannot be opened");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new DataFileException(file.toString(), "is not an image (not PNG, JPEG, BMP, GIF or TIFF "
                        + "data, whatever its extension says)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                BufferedImage image = reader.read(0);
                if (image.getWidth() < 1 || image.getHeight() < 1) {
                    throw new DataFileException(file.toString(), "is an empty image");
                }
            } finally {
                reader.dispose();
            }
        } catch (DataFileException e) {
            throw e;
        } catch (IIOException e) {
            if (!String.valueOf(e.getMessage()).startsWith("Unsupported")) {
                throw new DataFileException(file.toString(), "is a damaged image (" + e.getMessage() + ")", e);
            }
        } catch (IOException | RuntimeException e) {
            throw new DataFileException(file.toString(), "is a damaged image (" + e + ")", e);
        }
    }
}

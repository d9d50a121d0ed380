package dev.autoprune.examples.cli;

import org.deeplearning4j.nn.conf.inputs.InputType;

import java.util.List;
import java.util.Locale;

/**
 * Parses {@code --input-shape} values: {@code CxHxW} for images in DL4J's NCHW layout (e.g.
 * {@code 1x28x28}, {@code 3x32x32}) or a single number for feature vectors.
 */
public final class InputShapes {

    private InputShapes() {
    }

    /**
     * Parses one shape.
     *
     * @param text {@code CxHxW} or {@code N}
     * @return the input type
     * @throws CliException if the text is not such a shape of positive numbers
     */
    public static InputType parse(String text) {
        String[] parts = text.trim().toLowerCase(Locale.ROOT).split("x");
        try {
            if (parts.length == 1) {
                return InputType.feedForward(positive(parts[0], text));
            }
            if (parts.length == 3) {
                long c = positive(parts[0], text);
                long h = positive(parts[1], text);
                long w = positive(parts[2], text);
                return InputType.convolutional(h, w, c);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw CliException.usage("--input-shape must be CxHxW (e.g. 1x28x28) or a feature count, found '" + text + "'");
    }

    /**
     * Parses several shapes (one per network input).
     *
     * @param texts the shapes, may be null or empty
     * @return the input types, or null when none were given (infer them)
     */
    public static InputType[] parseAll(List<String> texts) {
        if (texts == null || texts.isEmpty()) {
            return null;
        }
        return texts.stream().map(InputShapes::parse).toArray(InputType[]::new);
    }

    private static long positive(String part, String text) {
        long v = Long.parseLong(part.trim());
        if (v <= 0) {
            throw CliException.usage("--input-shape needs positive sizes, found '" + text + "'");
        }
        return v;
    }
}

package dev.autoprune.examples.cli;

import org.deeplearning4j.nn.conf.inputs.InputType;
import picocli.CommandLine.Option;

import java.util.List;

/**
 * The {@code --input-shape} option of the commands that read a saved model: the network input types,
 * for a model whose masks do not record them (one made by {@code AutoPrune.prunable} does).
 */
public final class InputShapeOptions {

    @Option(names = "--input-shape", paramLabel = "CxHxW",
            description = "The network input, when the model does not record it (e.g. 1x28x28); one per input.")
    private List<String> inputShapes;

    /**
     * The input types given.
     *
     * @return one per {@code --input-shape}, or null when none was given (infer them)
     * @throws CliException if a shape is not {@code CxHxW} or a feature count
     */
    InputType[] inputTypes() {
        return InputShapes.parseAll(inputShapes);
    }
}

package dev.autoprune.examples.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.Map;
import java.util.Stack;

/**
 * For an option whose folder value is optional ({@code --fashion-mnist [DIR]}): the next argument
 * is taken as the folder only if it can be one. A model file ({@code *.zip}) or another option
 * after it is left alone, so {@code prune --fashion-mnist model.zip --out small.zip} uses the
 * default folder and keeps {@code model.zip} as MODEL instead of swallowing it. {@code --option=DIR}
 * always takes DIR.
 */
final class OptionalFolderValue implements CommandLine.IParameterPreprocessor {

    @Override
    public boolean preprocess(Stack<String> args, CommandSpec commandSpec, ArgSpec argSpec,
                              Map<String, Object> info) {
        if ("=".equals(info.get("separator"))) {
            return false; // --option=DIR: picocli takes DIR
        }
        if (args.isEmpty() || args.peek().startsWith("-") || args.peek().toLowerCase(java.util.Locale.ROOT)
                .endsWith(".zip")) {
            argSpec.setValue(""); // no folder given: the option's fallback
            return true;
        }
        return false;
    }
}

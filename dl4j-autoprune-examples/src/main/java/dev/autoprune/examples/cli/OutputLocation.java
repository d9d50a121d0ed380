package dev.autoprune.examples.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks, before any data is loaded or any epoch trained, that a command will be able to write its
 * output where it was asked to: the output is not the input, not a folder where a file is meant (or
 * a file where a folder is meant), and its folder exists and is writable or can be created. A run
 * that would fail at the end therefore fails at once, with one line naming the option and path.
 */
final class OutputLocation {

    private OutputLocation() {
    }

    /**
     * For an output file.
     *
     * @param out the file to write
     * @param option the option that named it, e.g. {@code --out}
     * @param input the input file, which the output must not replace, or null
     * @throws CliException (usage) naming the option, the path and what to do
     */
    static void checkFile(Path out, String option, Path input) {
        Path target = out.toAbsolutePath().normalize();
        if (input != null && target.equals(input.toAbsolutePath().normalize())) {
            throw CliException.usage(option + " must differ from MODEL (" + input + "); the input model is kept, "
                    + "so choose another file for the pruned one");
        }
        if (Files.isDirectory(target)) {
            throw CliException.usage(option + " " + out + " is a folder; name the .zip file to write");
        }
        if (Files.exists(target) && !Files.isWritable(target)) {
            throw CliException.usage(option + " " + out + " exists and is not writable; choose another " + option);
        }
        checkFolder(target.getParent(), option, out);
    }

    /**
     * For an output folder.
     *
     * @param out the folder to write into (created when missing)
     * @param option the option that named it
     * @throws CliException (usage) naming the option, the path and what to do
     */
    static void checkDirectory(Path out, String option) {
        checkFolder(out.toAbsolutePath().normalize(), option, out);
    }

    private static void checkFolder(Path folder, String option, Path asked) {
        Path existing = folder;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            throw CliException.usage(option + " " + asked + ": no part of the path " + folder + " exists");
        }
        if (!Files.isDirectory(existing)) {
            throw CliException.usage(option + " " + asked + ": " + existing + " is a file, not a folder; "
                    + "choose another " + option);
        }
        if (!Files.isWritable(existing)) {
            throw CliException.usage(option + " " + asked + ": the folder " + existing + " is not writable; "
                    + "choose another " + option);
        }
    }
}

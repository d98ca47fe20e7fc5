package io.allocrec.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The bytes of the files named on a command line and of those up to two levels into the folders
 * named (as deep as report looks for recordings: a JFR repository's JVM folders), which choose a
 * reading JVM's compiler ({@link CommandJvm}). The launchers count alike in bash
 * ({@code find -L ARGS -maxdepth 2 -type f}): an argument that names nothing counts 0, and a
 * folder given as {@code --out} costs no long walk. A folder that cannot be read makes the total
 * unknown here, {@link Long#MAX_VALUE} (find leaves it out): either way only the compiler differs.
 */
final class InputBytes {

    /** How deep into a folder the files count: report reads a folder's recordings and its subfolders'. */
    private static final int DEPTH = 2;

    private InputBytes() {
    }

    static long of(List<String> args) {
        long total = 0;
        for (String arg : args) {
            try {
                total = Math.addExact(total, bytes(Path.of(arg)));
            } catch (InvalidPathException e) {
                // Not a file name (an option's text): names nothing.
            } catch (IOException | UncheckedIOException | ArithmeticException e) {
                return Long.MAX_VALUE;
            }
        }
        return total;
    }

    private static long bytes(Path path) throws IOException {
        if (!Files.exists(path)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(path, DEPTH, FileVisitOption.FOLLOW_LINKS)) {
            return files.filter(Files::isRegularFile).mapToLong(InputBytes::size).sum();
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

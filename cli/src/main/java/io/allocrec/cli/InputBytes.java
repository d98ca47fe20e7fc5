package io.allocrec.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The bytes of the files and folders named on a command line (the recordings, mostly), which
 * choose a reading JVM's compiler ({@link CommandJvm}). The launchers count alike in bash
 * ({@code du -sbL}, which adds a folder's own few kilobytes): an argument that names nothing
 * counts 0, one that cannot be measured makes the total unknown, {@link Long#MAX_VALUE}.
 */
final class InputBytes {

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
        if (Files.isDirectory(path)) {
            try (Stream<Path> files = Files.walk(path)) {
                return files.filter(Files::isRegularFile).mapToLong(InputBytes::size).sum();
            }
        }
        return Files.isRegularFile(path) ? Files.size(path) : 0;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

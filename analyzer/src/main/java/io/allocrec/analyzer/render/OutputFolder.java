package io.allocrec.analyzer.render;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes a report's files all or nothing: each file goes first into a hidden staging folder
 * inside the output folder, and only when every file is complete are they moved into place.
 * If anything fails, the staging folder (and the output folder, if this created it) is removed,
 * so a failed run never leaves partial files. File names are fixed by the caller, never taken
 * from recorded text.
 */
public final class OutputFolder implements AutoCloseable {

    private final Path folder;
    private final Path staging;
    private final boolean created;
    private final List<String> staged = new ArrayList<>();
    private boolean committed;

    private OutputFolder(Path folder, Path staging, boolean created) {
        this.folder = folder;
        this.staging = staging;
        this.created = created;
    }

    /** Checks, without writing anything, that the folder can be created or written. */
    public static void checkWritable(Path folder) throws OutputProblem {
        Path existing = folder.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing)) {
            throw new OutputProblem(folder + ": cannot be created as a folder (" + existing + " is not a folder)");
        }
        if (!Files.isWritable(existing)) {
            throw new OutputProblem(folder + ": cannot be written (no write permission on " + existing + ")");
        }
    }

    /** Creates the folder if needed and a staging folder inside it. */
    public static OutputFolder open(Path folder) throws OutputProblem {
        checkWritable(folder);
        boolean created = !Files.exists(folder);
        try {
            Files.createDirectories(folder);
            Path staging = Files.createTempDirectory(folder, ".allocrec-staging-");
            return new OutputFolder(folder, staging, created);
        } catch (IOException e) {
            throw new OutputProblem(folder + ": cannot be written: " + e.getMessage());
        }
    }

    /** A new file in the staging folder, to appear in the output folder on {@link #commit()}. */
    public OutputStream create(String fileName) throws IOException {
        staged.add(fileName);
        return Files.newOutputStream(staging.resolve(fileName));
    }

    /** Moves every staged file into the output folder. */
    public void commit() throws OutputProblem {
        try {
            for (String fileName : staged) {
                Files.move(staging.resolve(fileName), folder.resolve(fileName),
                        StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            committed = true;
        } catch (IOException e) {
            throw new OutputProblem(folder + ": cannot be written: " + e.getMessage());
        }
    }

    /** Removes the staging folder; after a failure also the files already moved and a folder this created. */
    @Override
    public void close() {
        if (!committed) {
            staged.forEach(fileName -> deleteQuietly(folder.resolve(fileName), created));
        }
        deleteTree(staging);
        if (!committed && created) {
            deleteQuietly(folder, true);
        }
    }

    private static void deleteQuietly(Path path, boolean allowed) {
        if (!allowed) {
            return;
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // Best effort: the original error is the one the user needs to see.
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> deleteQuietly(path, true));
        } catch (IOException ignored) {
            // Best effort, as above.
        }
    }
}

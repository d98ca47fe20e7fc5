package io.allocrec.analyzer.render;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
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
 *
 * <p>The folder keeps a list of the files the last report wrote ({@value #WRITTEN_LIST}), so a
 * new report removes what an earlier one wrote and this one did not (a {@code scopes.csv} beside
 * a new sweep's {@code scenarios.csv}, say); files that no report wrote are never touched.
 */
public final class OutputFolder implements AutoCloseable {

    /** The hidden file that lists, one name a line, the files the last report wrote. */
    static final String WRITTEN_LIST = ".allocrec-report";

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

    /** Moves every staged file into the output folder and removes what only an earlier report wrote. */
    public void commit() throws OutputProblem {
        try {
            List<String> earlier = earlierReport();
            Files.write(staging.resolve(WRITTEN_LIST), staged, StandardCharsets.UTF_8);
            for (String fileName : staged) {
                Files.move(staging.resolve(fileName), folder.resolve(fileName),
                        StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(staging.resolve(WRITTEN_LIST), folder.resolve(WRITTEN_LIST),
                    StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            for (String fileName : earlier) {
                if (!staged.contains(fileName)) {
                    Files.deleteIfExists(folder.resolve(fileName));
                }
            }
            committed = true;
        } catch (IOException e) {
            throw new OutputProblem(folder + ": cannot be written: " + e.getMessage());
        }
    }

    /**
     * The files the previous report in this folder wrote. The list is only trusted for plain
     * file names in this folder: a line naming anything else is ignored, never deleted.
     */
    private List<String> earlierReport() throws IOException {
        Path list = folder.resolve(WRITTEN_LIST);
        if (!Files.isRegularFile(list, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (String line : Files.readAllLines(list, StandardCharsets.UTF_8)) {
            if (isPlainFileName(line) && Files.isRegularFile(folder.resolve(line), LinkOption.NOFOLLOW_LINKS)) {
                names.add(line);
            }
        }
        return names;
    }

    private static boolean isPlainFileName(String name) {
        return !name.isEmpty() && !name.startsWith(".") && name.indexOf('/') < 0 && name.indexOf('\\') < 0
                && name.indexOf('\0') < 0;
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

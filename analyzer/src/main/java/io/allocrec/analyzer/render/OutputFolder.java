package io.allocrec.analyzer.render;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
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
    /** Staging folders are named after it and the writing process's id. */
    static final String STAGING_PREFIX = ".allocrec-staging-";
    private static final String PREVIOUS = ".previous";

    private final Path folder;
    private final Path staging;
    private final boolean created;
    private final List<String> staged = new ArrayList<>();
    private boolean committed;
    private boolean keepStaging;
    /** Removes the staging folder if the process is stopped (SIGINT, SIGTERM) while writing. */
    private final Thread removeOnStop;

    private OutputFolder(Path folder, Path staging, boolean created) {
        this.folder = folder;
        this.staging = staging;
        this.created = created;
        this.removeOnStop = new Thread(() -> deleteTree(staging), "allocrec-remove-staging");
        Runtime.getRuntime().addShutdownHook(removeOnStop);
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
            throw new OutputProblem(folder + ": cannot be written (" + (isOnReadOnlyFileSystem(existing)
                    ? "read-only file system at " : "no write permission on ") + existing + ")");
        }
    }

    /** Whether the folder is on a file system mounted read-only: no permission would let anyone write there. */
    private static boolean isOnReadOnlyFileSystem(Path existing) {
        try {
            return Files.getFileStore(existing).isReadOnly();
        } catch (IOException unknown) {
            return false;
        }
    }

    /** Creates the folder if needed and a staging folder inside it. */
    public static OutputFolder open(Path folder) throws OutputProblem {
        checkWritable(folder);
        boolean created = !Files.exists(folder);
        try {
            Files.createDirectories(folder);
            removeStagingOfDeadRuns(folder);
            Path staging = Files.createTempDirectory(folder, STAGING_PREFIX + ProcessHandle.current().pid() + "-");
            return new OutputFolder(folder, staging, created);
        } catch (IOException e) {
            throw new OutputProblem(folder + ": cannot be written: " + reason(e));
        }
    }

    /**
     * A run killed while writing (SIGKILL: no hook runs) leaves its staging folder: the next run
     * removes those of processes that are gone, and never another live run's.
     */
    private static void removeStagingOfDeadRuns(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (!name.startsWith(STAGING_PREFIX) || !Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                String[] parts = name.substring(STAGING_PREFIX.length()).split("-", 2);
                try {
                    long pid = Long.parseLong(parts[0]);
                    if (ProcessHandle.of(pid).isEmpty()) {
                        deleteTree(entry);
                    }
                } catch (NumberFormatException notOurs) {
                    // An older allocrec's name or someone else's folder: left alone.
                }
            }
        }
    }

    /**
     * A new file in the staging folder, to appear in the output folder on {@link #commit()}.
     * Several threads may each write files of their own.
     */
    public OutputStream create(String fileName) throws IOException {
        synchronized (staged) {
            staged.add(fileName);
        }
        return Files.newOutputStream(staging.resolve(fileName));
    }

    /**
     * Puts the new report in place of the earlier one, all or nothing: the earlier report's files
     * are first moved aside into the staging folder, then the new ones moved in; if any step
     * fails, what was moved in is removed and what was moved aside is put back.
     */
    public void commit() throws OutputProblem {
        List<String> movedAside = new ArrayList<>();
        List<String> movedIn = new ArrayList<>();
        Path previous = staging.resolve(PREVIOUS);
        try {
            Set<String> replaced = new LinkedHashSet<>(earlierReport());
            replaced.addAll(staged);
            replaced.add(WRITTEN_LIST);
            Files.write(staging.resolve(WRITTEN_LIST), staged, StandardCharsets.UTF_8);
            Files.createDirectories(previous);
            for (String fileName : replaced) {
                Path current = folder.resolve(fileName);
                if (Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
                    if (!Files.isRegularFile(current, LinkOption.NOFOLLOW_LINKS)) {
                        throw new IOException(current + " is in the way (not a regular file)");
                    }
                    Files.move(current, previous.resolve(fileName), StandardCopyOption.ATOMIC_MOVE);
                    movedAside.add(fileName);
                }
            }
            List<String> newFiles = new ArrayList<>(staged);
            newFiles.add(WRITTEN_LIST);
            for (String fileName : newFiles) {
                Files.move(staging.resolve(fileName), folder.resolve(fileName), StandardCopyOption.ATOMIC_MOVE);
                movedIn.add(fileName);
            }
            committed = true;
        } catch (IOException e) {
            rollBack(movedIn, movedAside, previous);
            throw new OutputProblem(folder + ": cannot be written (the earlier report is left as it was): " + reason(e));
        }
    }

    private void rollBack(List<String> movedIn, List<String> movedAside, Path previous) {
        movedIn.forEach(fileName -> deleteQuietly(folder.resolve(fileName), true));
        for (String fileName : movedAside) {
            try {
                Files.move(previous.resolve(fileName), folder.resolve(fileName), StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException ignored) {
                // Best effort; the staging folder is kept then, so nothing is lost (see close).
                keepStaging = true;
            }
        }
    }

    /** What went wrong, in words: a file system exception's reason rather than its "A -> B". */
    private static String reason(IOException e) {
        if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
            return fs.getFile() + ": " + fs.getReason();
        }
        if (e instanceof java.nio.file.FileSystemException fs) {
            return e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2")
                    .toLowerCase(java.util.Locale.ROOT) + ": " + fs.getFile();
        }
        return e.getMessage();
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
        try {
            Runtime.getRuntime().removeShutdownHook(removeOnStop);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or ran: it removes the staging folder.
        }
        if (!keepStaging) {
            deleteTree(staging);
        }
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

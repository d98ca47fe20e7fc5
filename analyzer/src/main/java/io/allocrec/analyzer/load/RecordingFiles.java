package io.allocrec.analyzer.load;

import io.allocrec.exit.ExitCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The files to analyse as one recording: each path given is a recording or a folder of them
 * (one JVM's folder of chunk files in a JFR repository, say). A folder with no recordings of its
 * own whose sub-folders hold some is a JFR repository as the JVM lays it out
 * ({@code REPOSITORY/<date>_<pid>/<chunk>.jfr}): the recordings of every per-JVM folder in it are
 * read. Every file is checked before any is parsed, so a bad one stops the run before anything is
 * analysed, unless the user asked to skip bad files.
 */
public final class RecordingFiles {

    private RecordingFiles() {
    }

    /**
     * The checked files, ordered by the time their first chunk starts (so chunk files of one JVM
     * are read in order however they were named).
     *
     * @param skipBad  leave out unreadable files (each named to {@code warnings}) instead of failing
     * @param warnings receives one line per file left out, one per JFR repository read as such,
     *                 and one per file whose last chunk is still being written (text from the file
     *                 system: make it printable)
     */
    public static List<RecordingFile> resolve(List<Path> paths, boolean skipBad, Consumer<String> warnings)
            throws RecordingProblem {
        List<Path> files = new ArrayList<>();
        List<String> notes = new ArrayList<>(); // said only once the run goes on: an error stays one line
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                List<Path> inFolder = recordingsIn(path);
                if (inFolder.isEmpty()) {
                    inFolder = repository(path, notes::add);
                }
                files.addAll(inFolder);
            } else {
                files.add(path);
            }
        }
        List<RecordingFile> good = new ArrayList<>();
        List<RecordingFile> onlyUnfinished = new ArrayList<>();
        for (Path file : files) {
            try {
                checkRegularFile(file);
                RecordingFile recording = RecordingFile.scan(file, good.size() + 1);
                (recording.chunks().isEmpty() ? onlyUnfinished : good).add(recording);
            } catch (RecordingProblem problem) {
                if (!skipBad) {
                    throw files.size() == 1 ? problem : new RecordingProblem(problem.exitCode(),
                            problem.getMessage() + " (nothing analysed; --skip-bad leaves bad files out)");
                }
                warnings.accept("allocrec report: skipping " + problem.getMessage());
            }
        }
        if (good.isEmpty() && onlyUnfinished.size() == files.size()) {
            Path first = onlyUnfinished.get(0).path();
            throw new RecordingProblem(ExitCodes.UNREADABLE, first + ": " + (files.size() == 1 ? "its only chunk"
                    : "the only chunk of each of the " + files.size() + " files") + " is still being written (or its JVM "
                    + "stopped before finishing it): no chunk is finished yet", first);
        }
        if (good.isEmpty()) {
            throw new RecordingProblem(ExitCodes.UNREADABLE, "no readable recording among " + files.size() + " files");
        }
        good.stream().filter(file -> file.unfinished() != null).forEach(file -> notes.add(unfinishedNote(file)));
        onlyUnfinished.forEach(file -> notes.add(unfinishedNote(file)));
        notes.forEach(warnings);
        List<RecordingFile> ordered = new ArrayList<>(good);
        ordered.sort(Comparator.comparingLong(RecordingFile::startNanos)); // stable: format 0 keeps its place
        return ordered;
    }

    /**
     * The line that says a file's last chunk was left out: a running JVM's repository always has
     * one chunk in the making, so it is no damage, and needs no --skip-bad.
     */
    private static String unfinishedNote(RecordingFile recording) {
        ChunkSpan chunk = recording.unfinished();
        return "allocrec report: the last chunk of " + recording.path() + " (chunk " + (chunk.index() + 1) + " at byte "
                + chunk.offset() + ") is still being written (or its JVM stopped before finishing it), so it was left out";
    }

    private static void checkRegularFile(Path file) throws RecordingProblem {
        if (file.toString().indexOf('\uFFFD') >= 0 && !Files.exists(file)) {
            // The JVM decodes file names with the locale's character set and cannot open one whose
            // bytes are not valid in it (a Latin-1 name under UTF-8, say).
            throw ChunkHeaders.unreadable(file, "has a name that is not valid in this system's character set ("
                    + System.getProperty("sun.jnu.encoding", "?") + "), so Java cannot open it: rename the file");
        }
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !Files.exists(file)) {
            throw ChunkHeaders.unreadable(file, "no such file");
        }
        if (!Files.exists(file)) {
            throw ChunkHeaders.unreadable(file, "is a symbolic link to nothing (or a loop of links)");
        }
        if (!Files.isRegularFile(file)) {
            throw ChunkHeaders.unreadable(file, "is not a regular file (a device, pipe or socket cannot be a recording)");
        }
        if (!Files.isReadable(file)) {
            throw ChunkHeaders.unreadable(file, "cannot be read (permission denied)");
        }
    }

    /**
     * The recordings in the per-JVM folders of a JFR repository, each folder named in one line to
     * {@code notes}. Each folder is its own JVM run, as every chunk's {@code jdk.JVMInformation}
     * says; the report tells JVMs apart by that.
     */
    private static List<Path> repository(Path folder, Consumer<String> notes) throws RecordingProblem {
        List<Path> files = new ArrayList<>();
        List<String> jvmFolders = new ArrayList<>();
        for (Path sub : entries(folder).stream().filter(Files::isDirectory).toList()) {
            List<Path> inSub = recordingsIn(sub);
            if (!inSub.isEmpty()) {
                files.addAll(inSub);
                jvmFolders.add(sub.getFileName() + " (" + inSub.size() + (inSub.size() == 1 ? " file)" : " files)"));
            }
        }
        if (files.isEmpty()) {
            throw new RecordingProblem(ExitCodes.UNREADABLE, folder
                    + ": folder has no .jfr files (nor .jfr.gz, .jfr.zip), nor have the folders in it");
        }
        notes.accept("allocrec report: " + folder + " is a JFR repository: reading the recordings of "
                + (jvmFolders.size() == 1 ? "the JVM folder " : jvmFolders.size() + " JVM folders ")
                + "in it, each its own JVM: " + String.join(", ", jvmFolders));
        return files;
    }

    private static List<Path> recordingsIn(Path folder) throws RecordingProblem {
        return entries(folder).stream().filter(p -> isRecordingName(p.getFileName().toString()) && Files.isRegularFile(p))
                .toList();
    }

    /** A folder's entries, sorted by name. */
    private static List<Path> entries(Path folder) throws RecordingProblem {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.sorted().toList();
        } catch (IOException e) {
            throw new RecordingProblem(ExitCodes.UNREADABLE, folder + ": cannot be read: " + e.getMessage());
        }
    }

    /** A recording's name, in any case: {@code small.JFR} is one too. */
    private static boolean isRecordingName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".jfr") || lower.endsWith(".jfr.gz") || lower.endsWith(".jfr.zip") || lower.endsWith(".jfr.lz4");
    }
}

package io.allocrec.analyzer.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The files to analyse as one recording: each path given is a recording or a folder of them
 * (a JFR repository of chunk files, say). Every file is checked before any is parsed, so a bad
 * one stops the run before anything is analysed, unless the user asked to skip bad files.
 */
public final class RecordingFiles {

    private RecordingFiles() {
    }

    /**
     * The checked files, ordered by the time their first chunk starts (so chunk files of one JVM
     * are read in order however they were named).
     *
     * @param skipBad  leave out unreadable files (each named to {@code warnings}) instead of failing
     * @param warnings receives one line per file left out (text from the file system: make it printable)
     */
    public static List<RecordingFile> resolve(List<Path> paths, boolean skipBad, Consumer<String> warnings)
            throws RecordingProblem {
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                List<Path> inFolder = recordingsIn(path);
                if (inFolder.isEmpty()) {
                    throw new RecordingProblem(RecordingProblem.UNREADABLE,
                            path + ": folder has no .jfr files (nor .jfr.gz, .jfr.zip)");
                }
                files.addAll(inFolder);
            } else {
                files.add(path);
            }
        }
        List<RecordingFile> good = new ArrayList<>();
        for (Path file : files) {
            try {
                checkRegularFile(file);
                good.add(RecordingFile.scan(file, good.size() + 1));
            } catch (RecordingProblem problem) {
                if (!skipBad) {
                    throw files.size() == 1 ? problem : new RecordingProblem(problem.exitCode(),
                            problem.getMessage() + " (nothing analysed; --skip-bad leaves bad files out)");
                }
                warnings.accept("allocrec report: skipping " + problem.getMessage());
            }
        }
        if (good.isEmpty()) {
            throw new RecordingProblem(RecordingProblem.UNREADABLE, "no readable recording among " + files.size() + " files");
        }
        List<RecordingFile> ordered = new ArrayList<>(good);
        ordered.sort(Comparator.comparingLong(RecordingFile::startNanos)); // stable: format 0 keeps its place
        return ordered;
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

    private static List<Path> recordingsIn(Path folder) throws RecordingProblem {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(p -> isRecordingName(p.getFileName().toString()) && Files.isRegularFile(p))
                    .sorted().toList();
        } catch (IOException e) {
            throw new RecordingProblem(RecordingProblem.UNREADABLE, folder + ": cannot be read: " + e.getMessage());
        }
    }

    private static boolean isRecordingName(String name) {
        return name.endsWith(".jfr") || name.endsWith(".jfr.gz") || name.endsWith(".jfr.zip") || name.endsWith(".jfr.lz4");
    }
}

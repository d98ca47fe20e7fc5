package io.allocrec.analyzer.load;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
     * @param skipBad leave out unreadable files (each named on {@code warnings}) instead of failing
     */
    public static List<Path> resolve(List<Path> paths, boolean skipBad, PrintStream warnings) throws RecordingProblem {
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                List<Path> inFolder = recordingsIn(path);
                if (inFolder.isEmpty()) {
                    throw new RecordingProblem(RecordingProblem.UNREADABLE, path + ": folder has no .jfr files");
                }
                files.addAll(inFolder);
            } else {
                files.add(path);
            }
        }
        List<Path> good = new ArrayList<>();
        for (Path file : files) {
            try {
                ChunkCheck.check(file);
                good.add(file);
            } catch (RecordingProblem problem) {
                if (!skipBad) {
                    throw files.size() == 1 ? problem : new RecordingProblem(problem.exitCode(),
                            problem.getMessage() + " (nothing analysed; --skip-bad leaves bad files out)");
                }
                warnings.println("allocrec report: skipping " + problem.getMessage());
            }
        }
        if (good.isEmpty()) {
            throw new RecordingProblem(RecordingProblem.UNREADABLE, "no readable recording among " + files.size() + " files");
        }
        return good;
    }

    private static List<Path> recordingsIn(Path folder) throws RecordingProblem {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(p -> p.getFileName().toString().endsWith(".jfr") && Files.isRegularFile(p))
                    .sorted().toList();
        } catch (IOException e) {
            throw new RecordingProblem(RecordingProblem.UNREADABLE, folder + ": cannot be read: " + e.getMessage());
        }
    }
}

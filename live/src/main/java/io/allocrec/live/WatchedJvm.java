package io.allocrec.live;

import io.allocrec.analyzer.load.ScopeSelection;
import io.allocrec.attach.AttachProblem;
import io.allocrec.attach.AttachedJvm;
import io.allocrec.attach.JfrRecordings;
import io.allocrec.attach.RunningJvmRecording;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JVM {@code top} watches: attached to, with a recording of {@code top}'s own started in it that
 * keeps its events in the JVM's disk repository, where {@code top} reads them as the JVM writes them.
 * Closing stops that recording, and the JVM is as it was found.
 */
final class WatchedJvm implements AutoCloseable {

    /** JFR writes events to the repository as it goes (once a second) from Java 14 on. */
    static final int OLDEST_JAVA = 14;
    /** How much of the events the repository keeps for this recording: a few windows, on disk, not more. */
    static final Duration KEPT = Duration.ofMinutes(1);
    private static final AtomicInteger RECORDINGS = new AtomicInteger();

    private final AttachedJvm jvm;
    private final JfrRecordings recordings;
    private final String recording;
    private final Path settings;
    private final Path repository;
    private final int javaVersion;

    private WatchedJvm(AttachedJvm jvm, JfrRecordings recordings, String recording, Path settings, Path repository,
                       int javaVersion) {
        this.jvm = jvm;
        this.recordings = recordings;
        this.recording = recording;
        this.settings = settings;
        this.repository = repository;
        this.javaVersion = javaVersion;
    }

    /** Attaches, stops what killed runs of allocrec left, and starts {@code top}'s recording. */
    static WatchedJvm start(long pid, ScopeSelection scopes, PrintStream err) throws AttachProblem, IOException {
        AttachedJvm jvm = AttachedJvm.attach(pid);
        Path settings = null;
        try {
            int java = jvm.javaFeatureVersion();
            if (java != 0 && java < OLDEST_JAVA) {
                throw new AttachProblem(AttachProblem.REFUSED, "JVM " + pid + " runs Java " + java + "; top reads events "
                        + "as the JVM writes them, which JFR does from Java " + OLDEST_JAVA + " on (record --pid records "
                        + "it all the same)");
            }
            JfrRecordings recordings = new JfrRecordings(jvm);
            RunningJvmRecording.stopOrphans(jvm, recordings, err);
            settings = TopSettings.write(scopes);
            String name = JfrRecordings.TOP_PREFIX + ProcessHandle.current().pid() + "-" + RECORDINGS.incrementAndGet();
            recordings.startInRepository(name, settings, KEPT);
            recordings.beginNewChunk(name + "-chunk");
            String folder = jvm.systemProperty("jdk.jfr.repository");
            if (folder == null || !Files.isDirectory(Path.of(folder))) {
                recordings.stop(name);
                throw new AttachProblem(AttachProblem.REFUSED, "JVM " + pid + " started the recording but names no JFR "
                        + "repository this user can read (" + folder + ")");
            }
            return new WatchedJvm(jvm, recordings, name, settings, Path.of(folder), java);
        } catch (AttachProblem | IOException | RuntimeException e) {
            deleteQuietly(settings);
            jvm.close();
            throw e;
        }
    }

    long pid() {
        return jvm.pid();
    }

    int javaVersion() {
        return javaVersion;
    }

    String recording() {
        return recording;
    }

    /** The JVM's own repository folder, where its chunks are written as it runs. */
    Path repository() {
        return repository;
    }

    boolean isAlive() {
        return jvm.isAlive();
    }

    /**
     * Stops {@code top}'s recording, if the JVM still runs. @return whether it was stopped (false:
     * the JVM is gone, and the recording with it)
     */
    boolean stopRecording() {
        if (!jvm.isAlive()) {
            return false;
        }
        try {
            return recordings.stop(recording);
        } catch (AttachProblem e) {
            return false;
        }
    }

    @Override
    public void close() {
        stopRecording();
        deleteQuietly(settings);
        jvm.close();
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // A temporary settings file left behind harms nothing.
            }
        }
    }
}

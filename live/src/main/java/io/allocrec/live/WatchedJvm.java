package io.allocrec.live;

import io.allocrec.agent.ScopeFilter;
import io.allocrec.analyzer.load.ScopeSelection;
import io.allocrec.attach.AgentCompatibility;
import io.allocrec.attach.AgentJar;
import io.allocrec.attach.AttachProblem;
import io.allocrec.attach.AttachedJvm;
import io.allocrec.attach.JfrRecordings;
import io.allocrec.attach.RunningJvmRecording;
import io.allocrec.attach.ScopeInstallation;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JVM {@code top} watches: attached to, with a recording of {@code top}'s own started in it that
 * keeps its events in the JVM's disk repository, where {@code top} reads them as the JVM writes them,
 * and, when asked, the agent's scopes, which live as long as that recording. Closing stops the
 * recording, the agent takes its scopes out, and the JVM is as it was found.
 */
final class WatchedJvm implements AutoCloseable {

    /** JFR writes events to the repository as it goes (once a second) from Java 14 on. */
    static final int OLDEST_JAVA = 14;
    /** How much of the events the repository keeps for this recording: a few windows, on disk, not more. */
    static final Duration KEPT = Duration.ofMinutes(1);
    private static final AtomicInteger RECORDINGS = new AtomicInteger();
    private static final Duration SCOPES_REMOVAL_WAIT = Duration.ofSeconds(15);
    private static final String COMMAND = "allocrec top";

    private final AttachedJvm jvm;
    private final JfrRecordings recordings;
    private final String recording;
    private final Path settings;
    private final Path repository;
    private final int javaVersion;
    private final boolean scoped;

    private WatchedJvm(AttachedJvm jvm, JfrRecordings recordings, String recording, Path settings, Path repository,
                       int javaVersion, boolean scoped) {
        this.jvm = jvm;
        this.recordings = recordings;
        this.recording = recording;
        this.settings = settings;
        this.repository = repository;
        this.javaVersion = javaVersion;
        this.scoped = scoped;
    }

    /**
     * Attaches, stops what killed runs of allocrec left, starts {@code top}'s recording and, with
     * {@code filters}, puts the agent's scopes in place for as long as it runs.
     */
    static WatchedJvm start(long pid, ScopeSelection scopes, List<ScopeFilter> filters, boolean signatures, PrintStream err)
            throws AttachProblem, IOException {
        AttachedJvm jvm = AttachedJvm.attach(pid);
        Path settings = null;
        try {
            int java = jvm.javaFeatureVersion();
            if (java != 0 && java < OLDEST_JAVA) {
                throw new AttachProblem(AttachProblem.REFUSED, "JVM " + pid + " runs Java " + java + "; top reads events "
                        + "as the JVM writes them, which JFR does from Java " + OLDEST_JAVA + " on (record --pid records "
                        + "it all the same)");
            }
            if (!filters.isEmpty()) {
                AgentCompatibility.check(jvm, err, COMMAND);
            }
            JfrRecordings recordings = new JfrRecordings(jvm);
            RunningJvmRecording.stopOrphans(jvm, recordings, err);
            settings = TopSettings.write(scopes);
            String name = JfrRecordings.TOP_PREFIX + ProcessHandle.current().pid() + "-" + RECORDINGS.incrementAndGet();
            recordings.startInRepository(name, settings, KEPT);
            if (!filters.isEmpty()) {
                try {
                    new ScopeInstallation(jvm, AgentJar.locate(), err, COMMAND).install(filters, signatures, name);
                } catch (AttachProblem e) {
                    recordings.stop(name);
                    throw e;
                }
            }
            recordings.beginNewChunk(name + "-chunk");
            String folder = jvm.systemProperty("jdk.jfr.repository");
            if (folder == null || !Files.isDirectory(Path.of(folder))) {
                recordings.stop(name);
                throw new AttachProblem(AttachProblem.REFUSED, "JVM " + pid + " started the recording but names no JFR "
                        + "repository this user can read (" + folder + ")");
            }
            return new WatchedJvm(jvm, recordings, name, settings, Path.of(folder), java, !filters.isEmpty());
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
            boolean stopped = recordings.stop(recording);
            if (scoped) {
                ScopeInstallation.awaitRemoval(jvm, recording, SCOPES_REMOVAL_WAIT);
            }
            return stopped;
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

package io.allocrec.attach;

import io.allocrec.agent.ScopeFilter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code allocrec record --pid}: a JFR recording of a JVM that is already running, with the agent's
 * scopes for the methods named, and the JVM left as it was found.
 *
 * <p>The order makes every way of ending safe. The recording starts first, with a duration a minute
 * longer than asked and a dump when the JVM exits; the agent's scopes then live exactly as long as
 * that recording (the agent takes them out when it ends). So a {@code record --pid} that is killed
 * leaves a recording that ends by itself, taking the scopes with it, and the next run stops it at
 * once. Ctrl-C ends the wait early and goes through the same steps.
 */
public final class RunningJvmRecording {

    /** How much longer than asked the JVM's own limit on the recording is: the net under a killed tool. */
    static final Duration SAFETY_MARGIN = Duration.ofMinutes(1);
    private static final Duration SCOPES_REMOVAL_WAIT = Duration.ofSeconds(15);
    private static final long POLL_MILLIS = 200;
    private static final AtomicInteger RECORDINGS = new AtomicInteger();

    /**
     * What to record.
     *
     * @param pid        the running JVM
     * @param duration   how long to record once the scopes are in place
     * @param scopes     the methods to make scopes of; empty for a plain recording
     * @param signatures whether scope names carry parameter types, to tell overloads apart
     * @param settings   the JFR settings file, readable by the running JVM
     * @param out        where the recording goes
     * @param agentJar   the agent to load when there are scopes
     */
    public record Request(long pid, Duration duration, List<ScopeFilter> scopes, boolean signatures, Path settings,
                          Path out, Path agentJar) {
    }

    private final Request request;
    private final PrintStream err;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);

    private RunningJvmRecording(Request request, PrintStream err) {
        this.request = request;
        this.err = err;
    }

    /** Records; a failure is one line on {@code err}. @return the exit code */
    public static int record(Request request, PrintStream err) {
        return new RunningJvmRecording(request, err).record();
    }

    private int record() {
        Path target = request.out().toAbsolutePath();
        Path part;
        try {
            Files.createDirectories(target.getParent());
            part = Files.createTempFile(target.getParent(), ".allocrec-", ".jfr.part");
        } catch (IOException e) {
            err.println("allocrec record: cannot write to " + target.getParent() + ": " + WriteProblems.describe(e));
            return AttachProblem.NOT_WRITABLE;
        }
        Thread onStop = new Thread(this::stopAndWait, "allocrec-record-stop");
        Runtime.getRuntime().addShutdownHook(onStop);
        try {
            Ending ending = recordInto(part);
            if (ending == Ending.JVM_EXITED && Files.size(part) == 0) {
                throw new AttachProblem(AttachProblem.JVM_EXITED, "JVM " + request.pid() + " exited during the recording "
                        + "and wrote no recording (it was killed, or crashed)");
            }
            if (Files.size(part) == 0) {
                throw new AttachProblem(AttachProblem.NOT_WRITABLE, "JVM " + request.pid() + " wrote no data to " + part
                        + " (is its disk full?)");
            }
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            err.println("allocrec record: wrote " + target + (ending == Ending.JVM_EXITED
                    ? " (JVM " + request.pid() + " exited during the recording: this is the dump it wrote on exit)" : ""));
            return 0;
        } catch (AttachProblem e) {
            err.println("allocrec record: " + e.getMessage());
            return e.exitCode();
        } catch (IOException e) {
            err.println("allocrec record: cannot write " + target + ": " + WriteProblems.describe(e));
            return AttachProblem.NOT_WRITABLE;
        } finally {
            deleteQuietly(part);
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onStop);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running, and has just been let go.
            }
        }
    }

    /** How the recording ended. */
    private enum Ending { COMPLETED, STOPPED_EARLY, JVM_EXITED }

    private Ending recordInto(Path part) throws AttachProblem {
        try (AttachedJvm jvm = AttachedJvm.attach(request.pid())) {
            boolean scoped = !request.scopes().isEmpty();
            if (scoped) {
                AgentCompatibility.check(jvm, err, "allocrec record");
            }
            JfrRecordings recordings = new JfrRecordings(jvm);
            stopOrphans(jvm, recordings, err);
            String name = JfrRecordings.PREFIX + ProcessHandle.current().pid() + "-" + RECORDINGS.incrementAndGet();
            recordings.start(name, request.settings(), part, request.duration().plus(SAFETY_MARGIN));
            Ending ending;
            try {
                if (scoped) {
                    new ScopeInstallation(jvm, request.agentJar(), err, "allocrec record").install(request.scopes(), request.signatures(), name);
                }
                err.printf("allocrec record: recording JVM %d for %s%s (Ctrl-C ends it early)%n", request.pid(),
                        describe(request.duration()), scoped ? " with " + request.scopes().size() + " scope filter(s)" : "");
                ending = waitForEnd(jvm);
            } catch (AttachProblem e) {
                stopQuietly(recordings, name);
                throw e;
            }
            if (ending == Ending.JVM_EXITED) {
                return ending;
            }
            recordings.stop(name);
            if (scoped) {
                ScopeInstallation.awaitRemoval(jvm, name, SCOPES_REMOVAL_WAIT);
            }
            return ending;
        }
    }

    /** Waits for the duration, Ctrl-C, or the JVM's exit, whichever comes first. */
    private Ending waitForEnd(AttachedJvm jvm) {
        long deadline = System.nanoTime() + request.duration().toNanos();
        try {
            while (System.nanoTime() < deadline) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (stopRequested.await(Math.min(POLL_MILLIS, Math.max(1, left)), TimeUnit.MILLISECONDS)) {
                    return Ending.STOPPED_EARLY;
                }
                if (!jvm.isAlive()) {
                    return Ending.JVM_EXITED;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Ending.STOPPED_EARLY;
        }
        return Ending.COMPLETED;
    }

    /** The shutdown hook (Ctrl-C, SIGTERM): ends the wait, then lets the JVM exit once the steps are done. */
    private void stopAndWait() {
        stopRequested.countDown();
        try {
            finished.await(SCOPES_REMOVAL_WAIT.toSeconds() + 30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the recordings of earlier runs that were killed: their scopes go with them. */
    public static void stopOrphans(AttachedJvm jvm, JfrRecordings recordings, PrintStream err) throws AttachProblem {
        for (String orphan : recordings.orphans()) {
            if (recordings.stop(orphan)) {
                err.println("allocrec: stopped " + orphan + ", left running by an earlier "
                        + (orphan.startsWith(JfrRecordings.TOP_PREFIX) ? "top" : "record --pid") + " that did not finish");
            }
        }
    }

    private static void stopQuietly(JfrRecordings recordings, String name) {
        try {
            recordings.stop(name);
        } catch (AttachProblem e) {
            // The JVM went away: the recording went with it.
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A leftover .part file is the least of the troubles that lead here.
        }
    }

    static String describe(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 != 0 ? millis + " ms" : millis / 1000 + " s";
    }
}

package io.allocrec.attach;

import io.allocrec.exit.ExitCodes;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code allocrec record --pid PID --stop}: stops what {@code record --pid} runs put in a JVM and did
 * not take out (one killed with SIGKILL, say): its recordings, and the scopes that lived for them.
 * Scopes put in by {@code -javaagent} at start are the user's own and stay.
 */
public final class LeftoverCleanup {

    private static final Duration REMOVAL_WAIT = Duration.ofSeconds(5);

    private LeftoverCleanup() {
    }

    /** @return the exit code; what was done is on {@code err} */
    public static int stop(long pid, Path agentJar, PrintStream err) {
        try (AttachedJvm jvm = AttachedJvm.attach(pid)) {
            JfrRecordings recordings = new JfrRecordings(jvm);
            List<String> ours = recordings.ours();
            for (String name : ours) {
                if (recordings.stop(name)) {
                    err.println("allocrec record: stopped " + name + " in JVM " + pid);
                }
            }
            boolean removed = removeScopes(jvm, agentJar, err);
            if (ours.isEmpty() && !removed) {
                err.println("allocrec record: nothing of allocrec's was running in JVM " + pid);
            }
            return 0;
        } catch (AttachProblem e) {
            err.println("allocrec record: " + e.getMessage());
            return e.exitCode();
        }
    }

    private static boolean removeScopes(AttachedJvm jvm, Path agentJar, PrintStream err) throws AttachProblem {
        String inPlace = jvm.systemProperty(ScopeInstallation.SCOPES_PROPERTY);
        if (inPlace == null) {
            return false;
        }
        if (ScopeInstallation.isGivenAtStart(inPlace)) {
            err.println("allocrec record: the scopes given at start with -javaagent stay in place: " + inPlace);
            return false;
        }
        long deadline = System.nanoTime() + REMOVAL_WAIT.toNanos();
        while (jvm.systemProperty(ScopeInstallation.SCOPES_PROPERTY) != null && System.nanoTime() < deadline) {
            pause();
        }
        if (jvm.systemProperty(ScopeInstallation.SCOPES_PROPERTY) != null && agentJar != null) {
            // Their recording is gone and the agent did not see it end: take them out by hand.
            jvm.loadAgent(agentJar, "stop");
        }
        if (jvm.systemProperty(ScopeInstallation.SCOPES_PROPERTY) != null) {
            throw new AttachProblem(ExitCodes.REFUSED, "the scopes are still in JVM " + jvm.pid() + ": " + inPlace);
        }
        err.println("allocrec record: took the scopes out of JVM " + jvm.pid() + ": " + inPlace);
        return true;
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

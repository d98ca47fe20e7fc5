package io.allocrec.attach;

import io.allocrec.agent.AgentStatus;
import io.allocrec.agent.ScopeFilter;
import io.allocrec.exit.ExitCodes;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

/**
 * Loads the agent into a running JVM for one recording, and tells the user what it scoped. The agent
 * reports through a file (an agent cannot return a value) and, while scopes are in place, through the
 * JVM's system property {@value #SCOPES_PROPERTY}.
 */
public final class ScopeInstallation {

    /** Set by the agent in the running JVM while scopes are in place (see the agent's InstalledScopes). */
    static final String SCOPES_PROPERTY = "allocrec.agent.scopes";

    private final AttachedJvm jvm;
    private final Path agentJar;
    private final PrintStream err;
    private final String command;

    /** {@code command} begins the lines it prints: {@code allocrec record}, {@code allocrec top}. */
    public ScopeInstallation(AttachedJvm jvm, Path agentJar, PrintStream err, String command) {
        this.jvm = jvm;
        this.agentJar = agentJar;
        this.err = err;
        this.command = command;
    }

    /** Puts the scopes in place for as long as the named recording runs. */
    public void install(List<ScopeFilter> scopes, boolean signatures, String recording) throws AttachProblem {
        String inPlace = jvm.systemProperty(SCOPES_PROPERTY);
        if (inPlace != null && isGivenAtStart(inPlace)) {
            // The agent given at start stays; a second set of scopes would wrap its methods twice.
            throw new AttachProblem(ExitCodes.REFUSED, "JVM " + jvm.pid() + " already makes scopes with the agent given "
                    + "at start (" + inPlace + "); scoping methods again could count their calls twice: leave out "
                    + "--scope (those scopes are recorded as they are), or add the methods to its -javaagent filters");
        }
        Path status = null;
        try {
            status = Files.createTempFile("allocrec-agent-status-", ".properties");
            String filters = String.join(";", scopes.stream().map(ScopeFilter::text).toList());
            jvm.loadAgent(agentJar, "scopes=" + filters + (signatures ? ",names=signature" : "")
                    + ",recording=" + recording + ",status=" + status.toAbsolutePath());
            report(readStatus(status));
        } catch (IOException e) {
            throw new AttachProblem(ExitCodes.REFUSED, "cannot exchange the agent's report with JVM " + jvm.pid()
                    + ": " + e.getMessage());
        } finally {
            if (status != null) {
                status.toFile().delete();
            }
        }
    }

    private Properties readStatus(Path status) throws IOException, AttachProblem {
        Properties read = Files.size(status) == 0 ? new Properties() : AgentStatus.read(status);
        String result = read.getProperty("result", "no report");
        if (!result.equals("installed")) {
            throw new AttachProblem(ExitCodes.REFUSED, "the agent put no scopes in JVM " + jvm.pid() + ": "
                    + read.getProperty("error", result));
        }
        return read;
    }

    private void report(Properties status) {
        for (int i = 0; status.getProperty("filter." + i) != null; i++) {
            String filter = status.getProperty("filter." + i);
            long methods = Long.parseLong(status.getProperty("methods." + i, "0"));
            if (methods == 0) {
                err.println(command + ": warning: scope filter '" + filter + "' matches no method of a class loaded "
                        + "so far; it will scope a class that matches when it loads");
            } else {
                err.println(command + ": scope filter '" + filter + "': " + methods + " method(s) scoped");
            }
        }
        for (int i = 0; status.getProperty("transform-error." + i) != null; i++) {
            err.println(command + ": warning: not scoped: " + status.getProperty("transform-error." + i));
        }
    }

    /**
     * Waits for the agent to take the recording's scopes out (it does when the recording ends).
     *
     * @throws AttachProblem when they are still in place after the wait
     */
    public static void awaitRemoval(AttachedJvm jvm, String recording, Duration wait) throws AttachProblem {
        long deadline = System.nanoTime() + wait.toNanos();
        while (isInPlace(jvm, recording)) {
            if (System.nanoTime() > deadline) {
                throw new AttachProblem(ExitCodes.REFUSED, "the recording was written, but the scopes are still in "
                        + "JVM " + jvm.pid() + " after " + wait.toSeconds() + " s; take them out with "
                        + "allocrec record --pid " + jvm.pid() + " --stop");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Whether scopes in place (the property's value) came with -javaagent at start, not with a recording. */
    static boolean isGivenAtStart(String inPlace) {
        return !inPlace.contains("(recording ");
    }

    private static boolean isInPlace(AttachedJvm jvm, String recording) throws AttachProblem {
        if (!jvm.isAlive()) {
            return false;
        }
        String inPlace = jvm.systemProperty(SCOPES_PROPERTY);
        return inPlace != null && inPlace.endsWith("(recording " + recording + ")");
    }
}

package io.allocrec.attach;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import io.allocrec.exit.ExitCodes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A running JVM reached through the JDK's Attach API: a local socket that only the JVM's own user
 * (or root) may open, never a network port. It runs diagnostic commands as {@code jcmd} does, reads
 * system properties and loads agents.
 */
public final class AttachedJvm implements AutoCloseable {

    private final long pid;
    private final VirtualMachine vm;

    private AttachedJvm(long pid, VirtualMachine vm) {
        this.pid = pid;
        this.vm = vm;
    }

    /** Attaches after checking, with nothing sent to the process, that it is a JVM of this user's. */
    public static AttachedJvm attach(long pid) throws AttachProblem {
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            throw new AttachProblem(ExitCodes.NO_SUCH_JVM, "no process " + pid + " is running on this machine");
        }
        String command = process.get().info().command().map(c -> Path.of(c).getFileName().toString()).orElse("?");
        ProcessFacts facts = ProcessFacts.of(pid);
        OptionalLong owner = facts.effectiveUid();
        OptionalLong self = ProcessFacts.self().effectiveUid();
        if (owner.isPresent() && self.isPresent() && self.getAsLong() != 0 && owner.getAsLong() != self.getAsLong()) {
            throw new AttachProblem(ExitCodes.REFUSED, "process " + pid + " (" + command + ") belongs to another user "
                    + "(uid " + owner.getAsLong() + "): the JDK lets only a JVM's own user attach to it; run allocrec as that user");
        }
        if (!LocalJvm.isListed(pid) && !facts.catchesQuitSignal()) {
            // HotSpot's attach begins with SIGQUIT, which would end a process that does not catch it.
            throw new AttachProblem(ExitCodes.NO_SUCH_JVM, "process " + pid + " (" + command + ") is not a Java virtual "
                    + "machine that can be attached to (allocrec list shows those that can)");
        }
        try {
            return new AttachedJvm(pid, VirtualMachine.attach(Long.toString(pid)));
        } catch (AttachNotSupportedException e) {
            throw new AttachProblem(ExitCodes.REFUSED, "JVM " + pid + " refuses to be attached to ("
                    + oneLine(e) + "); a JVM started with -XX:+DisableAttachMechanism cannot be recorded while it runs");
        } catch (IOException e) {
            throw new AttachProblem(ExitCodes.REFUSED, "cannot attach to JVM " + pid + ": " + oneLine(e));
        }
    }

    public long pid() {
        return pid;
    }

    /** Whether the JVM's process is still running. */
    public boolean isAlive() {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Runs a diagnostic command, as {@code jcmd PID COMMAND} does, and returns what it printed. */
    public String jcmd(String command) throws AttachProblem {
        try {
            Method execute = Class.forName("sun.tools.attach.HotSpotVirtualMachine").getMethod("executeJCmd", String.class);
            try (InputStream in = (InputStream) execute.invoke(vm, command)) {
                return readAll(in);
            }
        } catch (InvocationTargetException e) {
            throw new AttachProblem(ExitCodes.REFUSED, "JVM " + pid + " did not run '" + command + "': "
                    + oneLine(e.getCause()));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this JVM cannot send diagnostic commands (it needs "
                    + "--add-exports jdk.attach/sun.tools.attach=ALL-UNNAMED): " + e, e);
        } catch (IOException e) {
            throw new AttachProblem(ExitCodes.REFUSED, "lost JVM " + pid + " during '" + command + "': " + oneLine(e));
        }
    }

    /** A system property of the JVM, or null. */
    public String systemProperty(String name) throws AttachProblem {
        try {
            return vm.getSystemProperties().getProperty(name);
        } catch (IOException e) {
            throw new AttachProblem(ExitCodes.REFUSED, "cannot read the system properties of JVM " + pid + ": " + oneLine(e));
        }
    }

    /** The Java feature version the JVM runs: 8, 11, 17, 25... */
    public int javaFeatureVersion() throws AttachProblem {
        String version = systemProperty("java.specification.version");
        if (version == null) {
            return 0;
        }
        String feature = version.startsWith("1.") ? version.substring(2) : version;
        try {
            return Integer.parseInt(feature.contains(".") ? feature.substring(0, feature.indexOf('.')) : feature);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Loads a Java agent into the JVM. */
    public void loadAgent(Path jar, String options) throws AttachProblem {
        try {
            vm.loadAgent(jar.toString(), options);
        } catch (AgentLoadException | AgentInitializationException e) {
            throw new AttachProblem(ExitCodes.REFUSED, "JVM " + pid + " did not load the agent: " + oneLine(e)
                    + " (a JVM started with -XX:-EnableDynamicAgentLoading refuses agents)");
        } catch (IOException e) {
            throw new AttachProblem(ExitCodes.REFUSED, "JVM " + pid + " did not load the agent: " + oneLine(e));
        }
    }

    @Override
    public void close() {
        try {
            vm.detach();
        } catch (IOException e) {
            // The JVM is gone or the socket closed: nothing is left open either way.
        }
    }

    /** Reads in small pieces: JDK 17's attach stream fails on the large reads of readAllBytes. */
    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        for (int read = in.read(buffer); read > 0; read = in.read(buffer)) {
            out.write(buffer, 0, read);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}

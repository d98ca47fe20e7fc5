package io.allocrec.attach;

import io.allocrec.agent.ScopeFilter;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options of {@code allocrec record} for a JVM that is already running: {@code --pid} and what
 * goes with it. A picocli argument group of the {@code record} command.
 */
public final class RunningJvmOptions {

    /** Runs another allocrec command line, for {@code --report}. */
    @FunctionalInterface
    public interface Commands {
        int run(String... args);
    }

    @Option(names = "--pid", paramLabel = "PID", description = "Record the JVM that is already running with this process "
            + "id (allocrec list shows them), as jcmd PID JFR.start does, and leave it as it was found.")
    Long pid;

    @Option(names = "--duration", paramLabel = "TIME", description = "With --pid: how long to record, such as 30s, 2m "
            + "or 500ms (default: ${DEFAULT-VALUE}).")
    String duration = "30s";

    @Option(names = "--scope", paramLabel = "FILTER", description = "With --pid: make every call of these methods a scope, "
            + "with its exact allocated bytes, through the allocrec agent (no code change). JDK 25's method-tracing "
            + "filters: com.shop.Orders::handle, com.shop.Cart (every method), @com.shop.Timed (annotated methods or "
            + "classes); several separated by ';' or given as repeated options. The scopes are taken out when the "
            + "recording ends.")
    List<String> scopes = new ArrayList<>();

    @Option(names = "--scope-signatures", description = "With --scope: name each scope with its parameter types "
            + "(com.shop.Orders::handle(java.lang.String,int)), so overloads are apart.")
    boolean signatures;

    @Option(names = "--report", paramLabel = "DIR", description = "With --pid: run report on the recording into DIR.")
    Path report;

    @Option(names = "--stop", description = "With --pid: stop what an earlier record --pid that did not finish left "
            + "in that JVM (its recording, its scopes), and nothing else.")
    boolean stop;

    @Option(names = "--list", description = "List the JVMs --pid can record, as allocrec list does.")
    boolean list;

    /** Whether any option of the group was given: the command then records a running JVM, not a sweep. */
    public boolean isRequested() {
        return pid != null || list || stop || report != null || signatures || !scopes.isEmpty();
    }

    /**
     * Checks the options that need no JVM: one line of what is wrong, or null.
     */
    public String problem(boolean outGiven) {
        if (list) {
            return pid != null || stop || !scopes.isEmpty() || report != null || outGiven
                    ? "--list takes no other option" : null;
        }
        if (pid == null) {
            return "--stop, --scope, --scope-signatures and --report go with --pid";
        }
        if (pid == ProcessHandle.current().pid() || pid <= 0) {
            return "--pid " + pid + " is not a JVM allocrec can record";
        }
        if (stop) {
            return !scopes.isEmpty() || report != null || outGiven ? "--stop takes only --pid" : null;
        }
        if (!outGiven) {
            return "--pid needs --out FILE.jfr";
        }
        if (signatures && scopes.isEmpty()) {
            return "--scope-signatures goes with --scope";
        }
        try {
            Durations.parse(duration);
            filters();
        } catch (IllegalArgumentException e) {
            return (e.getCause() instanceof ScopeFilter.SyntaxException ? "" : "--duration: ") + e.getMessage();
        }
        return null;
    }

    /** Runs what the options ask for. {@code settings} is a .jfc file the running JVM can read. */
    public int run(Path out, Path settings, PrintStream stdout, PrintStream err, Commands commands) {
        if (list) {
            ListCommand.print(LocalJvm.list(), stdout);
            return 0;
        }
        if (stop) {
            return LeftoverCleanup.stop(pid, agentJarOrNull(), err);
        }
        List<ScopeFilter> filters = filters();
        Duration length = Durations.parse(duration);
        Path agentJar = filters.isEmpty() ? null : AgentJar.locate();
        int exit = RunningJvmRecording.record(new RunningJvmRecording.Request(pid, length, filters, signatures, settings,
                out, agentJar), err);
        if (exit != 0 || report == null) {
            return exit;
        }
        return commands.run("report", out.toString(), "--out", report.toString());
    }

    private List<ScopeFilter> filters() {
        List<ScopeFilter> filters = new ArrayList<>();
        for (String scope : scopes) {
            try {
                filters.addAll(ScopeFilter.parseAll(scope));
            } catch (ScopeFilter.SyntaxException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
        return filters;
    }

    private static Path agentJarOrNull() {
        try {
            return AgentJar.locate();
        } catch (IllegalStateException e) {
            return null;
        }
    }
}

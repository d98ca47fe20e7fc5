package io.allocrec.agent;

import java.lang.instrument.Instrumentation;

/**
 * The agent's entry points. {@code -javaagent:allocrec-agent.jar=scopes=FILTERS} scopes the named
 * methods for the JVM's lifetime; {@code allocrec record --pid} loads it into a running JVM for the
 * length of one JFR recording. Whatever goes wrong is one line on the JVM's standard error and the
 * application runs on unchanged: the agent never throws into it, nor stops it from starting.
 */
public final class AllocrecAgent {

    private AllocrecAgent() {
    }

    public static void premain(String argument, Instrumentation instrumentation) {
        run(argument, instrumentation);
    }

    public static void agentmain(String argument, Instrumentation instrumentation) {
        run(argument, instrumentation);
    }

    private static void run(String argument, Instrumentation instrumentation) {
        AgentOptions options;
        try {
            options = AgentOptions.parse(argument);
        } catch (IllegalArgumentException e) {
            log(e.getMessage() + "; no scopes");
            return;
        }
        try {
            if (options.isStop()) {
                boolean removed = InstalledScopes.remove(instrumentation);
                AgentStatus.ended(options.status(), removed ? "removed" : "nothing", null);
                log(removed ? "scopes taken out" : "no scopes to take out");
                return;
            }
            if (options.recording() != null && !RecordingWatch.watch(instrumentation, options.recording())) {
                AgentStatus.ended(options.status(), "failed", "recording " + options.recording() + " is not running");
                return;
            }
            BootstrapClasses.addOnce(instrumentation);
            ScopeCounts counts = InstalledScopes.install(instrumentation, options);
            AgentStatus.installed(options.status(), counts);
            log("scopes in place for " + String.join(";", options.filters().stream().map(ScopeFilter::text).toList())
                    + (options.recording() == null ? "" : ", until recording " + options.recording() + " ends"));
        } catch (Exception | LinkageError e) {
            AgentStatus.ended(options.status(), "failed", e.toString());
            log("failed, no scopes: " + e);
        }
    }

    static void log(String message) {
        System.err.println("allocrec agent: " + message);
    }
}

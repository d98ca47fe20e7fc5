package io.allocrec.attach;

import java.io.PrintStream;

/**
 * Whether a running JVM takes the agent, checked before anything is started in it: the agent is
 * built for Java 17, and JDK 21 and later may refuse agents loaded while they run (JEP 451).
 */
public final class AgentCompatibility {

    static final int OLDEST_JAVA = 17;
    private static final int WARNS_ON_DYNAMIC_AGENTS = 21;

    private AgentCompatibility() {
    }

    /** {@code command} begins the note it may print: {@code allocrec record}, {@code allocrec top}. */
    public static void check(AttachedJvm jvm, PrintStream err, String command) throws AttachProblem {
        int feature = jvm.javaFeatureVersion();
        if (feature < OLDEST_JAVA) {
            throw new AttachProblem(AttachProblem.REFUSED, "JVM " + jvm.pid() + " runs Java " + (feature == 0 ? "?" : feature)
                    + "; the agent that makes --scope work needs Java " + OLDEST_JAVA + " or later (without --scope, "
                    + "record --pid records it all the same)");
        }
        if (feature < WARNS_ON_DYNAMIC_AGENTS) {
            return;
        }
        String flags = jvm.jcmd("VM.flags");
        if (flags.contains("-XX:-EnableDynamicAgentLoading")) {
            throw new AttachProblem(AttachProblem.REFUSED, "JVM " + jvm.pid() + " was started with "
                    + "-XX:-EnableDynamicAgentLoading and refuses agents while it runs; start it with "
                    + "-javaagent:allocrec-agent.jar=scopes=... instead, or record without --scope");
        }
        if (!flags.contains("-XX:+EnableDynamicAgentLoading")) {
            err.println(command + ": note: Java " + feature + " writes a warning to JVM " + jvm.pid() + "'s standard "
                    + "error when an agent is loaded into it while it runs (JEP 451), and a later JDK may refuse; starting "
                    + "it with -XX:+EnableDynamicAgentLoading avoids both");
        }
    }
}

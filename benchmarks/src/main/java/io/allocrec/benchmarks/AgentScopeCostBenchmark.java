package io.allocrec.benchmarks;

import io.allocrec.recorder.AllocationScope;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.CompilerControl;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the allocrec agent adds to a call of a method it scopes, against the same method unscoped
 * and the same method scoped in code with {@link AllocationScope}: with {@code allocrec.Scenario}
 * disabled (no recording enables it) and enabled (a recording to disk, threshold 0). The methods
 * are not inlined into the benchmark loop, as a service's handler is not: the scope's code is
 * inside the called method in each case.
 *
 * <p>Needs the agent in the forks:
 * {@code java -jar benchmarks/target/benchmarks.jar AgentScopeCostBenchmark -jvmArgsAppend
 * "-javaagent:agent/target/allocrec-agent.jar=scopes=io.allocrec.benchmarks.AgentScopeCostBenchmark\$Calls::scoped"}
 * (a fork without it stops at setup, saying so).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class AgentScopeCostBenchmark {

    static final String SCOPED = Calls.class.getName() + "::scoped";

    /**
     * Three methods with the same body; the agent scopes {@code scoped}. The scope in code has the
     * agent's scope name: JFR writes a long string differently from a short one, and that is not
     * what is compared here.
     */
    public static final class Calls {

        private Calls() {
        }

        @CompilerControl(CompilerControl.Mode.DONT_INLINE)
        static int plain(int x) {
            return x * 31 + 7;
        }

        @CompilerControl(CompilerControl.Mode.DONT_INLINE)
        static int scoped(int x) {
            return x * 31 + 7;
        }

        @CompilerControl(CompilerControl.Mode.DONT_INLINE)
        static int inCode(int x) {
            try (AllocationScope scope = AllocationScope.open(SCOPED)) {
                return x * 31 + 7;
            }
        }
    }

    /** The argument, read from a field so the JIT cannot fold the call; and the check that the agent is there. */
    @State(Scope.Thread)
    public static class Agent {
        int x = 42;

        @Setup(Level.Trial)
        public void check() {
            String inPlace = System.getProperty("allocrec.agent.scopes");
            if (inPlace == null || !inPlace.contains(SCOPED)) {
                throw new IllegalStateException("run the forks with -javaagent:allocrec-agent.jar=scopes=" + SCOPED);
            }
        }
    }

    @Benchmark
    public int plainNoRecording(ScopeCostBenchmark.NoRecording recording, Agent agent) {
        return Calls.plain(agent.x);
    }

    @Benchmark
    public int agentScopeNoRecording(ScopeCostBenchmark.NoRecording recording, Agent agent) {
        return Calls.scoped(agent.x);
    }

    @Benchmark
    public int codeScopeNoRecording(ScopeCostBenchmark.NoRecording recording, Agent agent) {
        return Calls.inCode(agent.x);
    }

    @Benchmark
    public int plainRecording(ScopeCostBenchmark.ScenarioRecording recording, Agent agent) {
        return Calls.plain(agent.x);
    }

    @Benchmark
    public int agentScopeRecording(ScopeCostBenchmark.ScenarioRecording recording, Agent agent) {
        return Calls.scoped(agent.x);
    }

    @Benchmark
    public int codeScopeRecording(ScopeCostBenchmark.ScenarioRecording recording, Agent agent) {
        return Calls.inCode(agent.x);
    }
}

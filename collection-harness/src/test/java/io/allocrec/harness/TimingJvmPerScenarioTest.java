package io.allocrec.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each scenario is timed in JVMs of its own, as JMH forks for each benchmark: two scenarios that
 * refuse to be built in a timing JVM where the other was built are both timed, in each of two
 * forks. (In a shared JVM the JIT compiles shared code for every type it has seen, and times the
 * later scenarios slower: see {@link TimingPhase}.)
 */
class TimingJvmPerScenarioTest {

    @TempDir
    static Path folder;

    @Test
    void eachScenarioIsTimedInJvmsOfItsOwn() throws Exception {
        Path recording = folder.resolve("loners.jfr");
        RecordRun run = RecordRun.of("--out", recording.toString(), "--scenarios", "vec-pair",
                "--scenario-class", Loners.class.getName(), "--sizes", "1,100", "--no-breakdown",
                "--timing-forks", "2", "--timing-iterations", "2", "--timing-iteration-ms", "1");
        assertEquals(0, run.exit(), run.err());

        List<RecordedEvent> inserts = RecordRun.events(recording, TimingEvent.NAME).stream()
                .filter(e -> e.getString("operation").equals(TimingEvent.INSERT) && e.getLong("size") == 100).toList();
        assertEquals(List.of("vec-pair", "loner-a", "loner-b"), inserts.stream().map(e -> e.getString("scenario")).toList());
        for (RecordedEvent insert : inserts) {
            assertEquals(2, insert.getInt("forks"), insert.toString());
            assertEquals(4, insert.getInt("iterations"), "two iterations from each fork: " + insert);
        }
    }

    /** Two scenarios, each of which fails in a timing JVM where the other has been built. */
    public static final class Loners implements ScenarioProvider {

        @Override
        public List<KeyValueScenario<?>> scenarios() {
            return List.of(new Loner("loner-a"), new Loner("loner-b"));
        }
    }

    private static final class Loner implements KeyValueScenario<Map<Long, byte[]>> {

        /** Whether this is a timing JVM: decided once, as the class is loaded there by TimingFork's main. */
        private static final boolean IN_TIMING_JVM = StackWalker.getInstance().walk(frames -> frames.anyMatch(
                frame -> frame.getClassName().equals(TimingFork.class.getName())));
        /** The first scenario built in this timing JVM. */
        private static String builtHere;

        private final String name;
        /** What it builds and looks up: the JDK's HashMap, as the hashmap scenario does. */
        private final MapScenario map = MapScenario.jdkMaps().stream()
                .filter(scenario -> scenario.name().equals("hashmap")).findFirst().orElseThrow();

        Loner(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Map<Long, byte[]> build(KeyValueInputs inputs, int n) {
            if (IN_TIMING_JVM) {
                synchronized (Loner.class) {
                    if (builtHere == null) {
                        builtHere = name;
                    } else if (!builtHere.equals(name)) {
                        throw new IllegalStateException(name + " shares its timing JVM with " + builtHere);
                    }
                }
            }
            return map.build(inputs, n);
        }

        @Override
        public int size(Map<Long, byte[]> built) {
            return map.size(built);
        }

        @Override
        public void lookUp(Map<Long, byte[]> built, long[] keys, LookupSink sink) {
            map.lookUp(built, keys, sink);
        }
    }
}

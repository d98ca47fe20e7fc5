package io.allocrec.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's own scenarios, compiled here with the JDK's compiler as a user would compile them,
 * given to {@code record} with {@code --classpath} and {@code --scenario-class}: docs/record.md's
 * example measured like the built-ins, and each kind of broken class refused in one line (exit 2
 * when it cannot be used, 3 when it breaks its contract), with nothing written.
 */
class UserScenariosTest {

    @TempDir
    static Path folder;
    private static Path classes;
    private static Path jar;

    /** The example in docs/record.md, as published. */
    private static String readmeExample() throws IOException {
        String readme = Files.readString(Path.of("..", "docs", "record.md"));
        int section = readme.indexOf("## Your own scenarios");
        int start = readme.indexOf("```java\n", section) + "```java\n".length();
        return readme.substring(start, readme.indexOf("```", start));
    }

    private static final String BROKEN = """
            package com.example.broken;

            import io.allocrec.harness.*;
            import java.util.*;

            abstract class MapScenario implements KeyValueScenario<Map<Long, byte[]>> {
                public Map<Long, byte[]> build(KeyValueInputs inputs, int n) {
                    Map<Long, byte[]> map = new HashMap<>();
                    for (int i = 0; i < n; i++) {
                        map.put(inputs.key(i), inputs.copyOfValue(i));
                    }
                    return map;
                }
                public int size(Map<Long, byte[]> map) {
                    return map.size();
                }
                public void lookUp(Map<Long, byte[]> map, long[] keys, LookupSink sink) {
                    for (long key : keys) {
                        sink.accept(map.get(key));
                    }
                }
            }
            """;

    private static final Map<String, String> SOURCES = Map.of(
            "com/example/broken/MapScenario.java", BROKEN,
            "com/example/broken/NotAScenario.java", """
                    package com.example.broken;
                    public class NotAScenario {
                    }
                    """,
            "com/example/broken/NeedsAnArgument.java", """
                    package com.example.broken;
                    public class NeedsAnArgument extends MapScenario {
                        public NeedsAnArgument(int capacity) {
                        }
                        public String name() { return "needs-an-argument"; }
                    }
                    """,
            "com/example/broken/ThrowsAtAThousand.java", """
                    package com.example.broken;
                    import io.allocrec.harness.KeyValueInputs;
                    import java.util.Map;
                    public class ThrowsAtAThousand extends MapScenario {
                        public String name() { return "throws-at-1000"; }
                        public Map<Long, byte[]> build(KeyValueInputs inputs, int n) {
                            if (n >= 1000) {
                                throw new IllegalStateException("too big\\nfor me");
                            }
                            return super.build(inputs, n);
                        }
                    }
                    """,
            "com/example/broken/DropsOne.java", """
                    package com.example.broken;
                    import io.allocrec.harness.KeyValueInputs;
                    import java.util.Map;
                    public class DropsOne extends MapScenario {
                        public String name() { return "drops-one"; }
                        public Map<Long, byte[]> build(KeyValueInputs inputs, int n) {
                            Map<Long, byte[]> map = super.build(inputs, n);
                            if (n > 500) {
                                map.remove(inputs.key(0));
                            }
                            return map;
                        }
                    }
                    """,
            "com/example/broken/WrongValues.java", """
                    package com.example.broken;
                    import io.allocrec.harness.LookupSink;
                    import java.util.Map;
                    public class WrongValues extends MapScenario {
                        public String name() { return "wrong-values"; }
                        public void lookUp(Map<Long, byte[]> map, long[] keys, LookupSink sink) {
                            byte[] any = map.values().iterator().next();
                            for (long key : keys) {
                                sink.accept(map.containsKey(key) ? any : null);
                            }
                        }
                    }
                    """,
            "com/example/broken/KeepsTheInputs.java", """
                    package com.example.broken;
                    import io.allocrec.harness.*;
                    import java.util.Map;
                    public class KeepsTheInputs implements KeyValueScenario<KeepsTheInputs.Held> {
                        public record Held(Map<Long, byte[]> map, KeyValueInputs source) { }
                        private final MapScenario maps = new MapScenario() {
                            public String name() { return "maps"; }
                        };
                        public String name() { return "keeps-the-inputs"; }
                        public Held build(KeyValueInputs inputs, int n) { return new Held(maps.build(inputs, n), inputs); }
                        public int size(Held held) { return held.map().size(); }
                        public void lookUp(Held held, long[] keys, LookupSink sink) { maps.lookUp(held.map(), keys, sink); }
                    }
                    """,
            "com/example/broken/LookupFailsWhenLarge.java", """
                    package com.example.broken;
                    import io.allocrec.harness.LookupSink;
                    import java.util.Map;
                    public class LookupFailsWhenLarge extends MapScenario {
                        public String name() { return "lookup-fails-when-large"; }
                        public void lookUp(Map<Long, byte[]> map, long[] keys, LookupSink sink) {
                            if (map.size() > 2_000) {
                                throw new ArrayIndexOutOfBoundsException(map.size());
                            }
                            super.lookUp(map, keys, sink);
                        }
                    }
                    """,
            "com/example/broken/NamedHashmap.java", """
                    package com.example.broken;
                    public class NamedHashmap extends MapScenario {
                        public String name() { return "hashmap"; }
                    }
                    """,
            "com/example/Variants.java", """
                    package com.example;
                    import io.allocrec.harness.*;
                    import java.util.List;
                    public class Variants implements ScenarioProvider {
                        public List<KeyValueScenario<?>> scenarios() {
                            return List.of(new SortedList(), new com.example.broken.DropsOne() {
                                public String name() { return "drops-one-again"; }
                            });
                        }
                    }
                    """);

    @BeforeAll
    static void compile() throws IOException {
        Path sources = folder.resolve("src");
        Map<String, String> all = new java.util.HashMap<>(SOURCES);
        all.put("com/example/SortedList.java", readmeExample());
        List<String> files = new ArrayList<>();
        for (Map.Entry<String, String> source : all.entrySet()) {
            Path file = sources.resolve(source.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
            files.add(file.toString());
        }
        classes = folder.resolve("classes");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp", System.getProperty("java.class.path"),
                "-Xlint:all,-serial", "-Werror", "-proc:none"));
        args.addAll(files);
        assertEquals(0, javac.run(null, null, null, args.toArray(new String[0])), "the sources compile");

        jar = folder.resolve("sorted-list.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> walk = Files.walk(classes)) {
            for (Path file : walk.filter(p -> p.toString().endsWith(".class")
                    && p.toString().contains("SortedList")).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
    }

    @Test
    void theReadmeExampleIsMeasuredLikeTheBuiltInsFromAJar() throws Exception {
        Path recording = folder.resolve("sorted-list.jfr");
        RecordRun run = RecordRun.of("--out", recording.toString(), "--scenarios", "vec-pair,hashmap",
                "--classpath", jar.toString(), "--scenario-class", "com.example.SortedList",
                "--sizes", "1,1000", "--timing-iterations", "2", "--timing-iteration-ms", "2");
        assertEquals(0, run.exit(), run.err());

        List<RecordedEvent> allocations = RecordRun.events(recording, "allocrec.Scenario");
        assertEquals(List.of("vec-pair", "vec-pair", "hashmap", "hashmap", "sorted-list", "sorted-list"),
                allocations.stream().map(e -> e.getString("name")).toList());
        RecordedEvent sorted = allocations.get(5);
        // 1,000 records of 24 bytes and their 120-byte values, an exactly sized Object[1000] (4,016) and the ArrayList (24).
        assertEquals(1_000 * (24 + 120) + 4_016 + 24, sorted.getLong("retainedBytes"), 0.01 * sorted.getLong("retainedBytes"));

        Set<String> timed = RecordRun.events(recording, TimingEvent.NAME).stream()
                .filter(e -> e.getString("scenario").equals("sorted-list"))
                .map(e -> e.getLong("size") + " " + e.getString("operation")).collect(Collectors.toSet());
        assertEquals(Set.of("1 insert", "1 lookup", "1000 insert", "1000 lookup"), timed);

        Map<String, Long> byClass = RecordRun.events(recording, BreakdownEvent.NAME).stream()
                .filter(e -> e.getString("scenario").equals("sorted-list") && e.getLong("size") == 1_000)
                .collect(Collectors.toMap(e -> e.getString("className"), e -> e.getLong("bytes")));
        assertEquals(Set.of("com.example.SortedList$Pair", "byte[]", "java.util.ArrayList", "java.lang.Object[]"),
                byClass.keySet());
        assertEquals(sorted.getLong("retainedBytes"), byClass.values().stream().mapToLong(Long::longValue).sum(),
                0.01 * sorted.getLong("retainedBytes"));
    }

    @Test
    void aProviderGivesSeveralScenariosFromAFolder() throws Exception {
        Path recording = folder.resolve("variants.jfr");
        RecordRun run = RecordRun.of("--out", recording.toString(), "--scenarios", "vec-pair",
                "--classpath", classes.toString(), "--scenario-class", "com.example.Variants",
                "--sizes", "1,100", "--no-timing", "--no-breakdown");
        assertEquals(0, run.exit(), run.err());
        assertEquals(List.of("vec-pair", "sorted-list", "drops-one-again"), RecordRun.events(recording, "allocrec.Scenario")
                .stream().map(e -> e.getString("name")).distinct().toList());
    }

    @Test
    void aMissingClassIsABadCommandLine() {
        assertRefused(2, "--scenario-class: no class com.example.Nowhere on --classpath", "com.example.Nowhere");
    }

    @Test
    void aClassThatIsNoScenarioIsABadCommandLine() {
        assertRefused(2, "--scenario-class: com.example.broken.NotAScenario implements neither "
                + "io.allocrec.harness.KeyValueScenario nor io.allocrec.harness.ScenarioProvider",
                "com.example.broken.NotAScenario");
    }

    @Test
    void aClassWithoutAPublicNoArgumentConstructorIsABadCommandLine() {
        assertRefused(2, "--scenario-class: com.example.broken.NeedsAnArgument has no public no-argument constructor",
                "com.example.broken.NeedsAnArgument");
    }

    @Test
    void aNameTakenByABuiltInIsABadCommandLine() {
        assertRefused(2, "--scenario-class: com.example.broken.NamedHashmap is named 'hashmap', as a built-in scenario",
                "com.example.broken.NamedHashmap");
    }

    @Test
    void aBuildThatThrowsNamesTheScenarioAndTheSize() {
        assertRefused(3, "allocrec record: scenario 'throws-at-1000' threw while building 1,000 elements: "
                + "java.lang.IllegalStateException: too big for me", "com.example.broken.ThrowsAtAThousand");
    }

    @Test
    void aStructureOfTheWrongSizeIsCaughtAfterTheBuild() {
        assertRefused(3, "allocrec record: scenario 'drops-one' holds 999 elements after building 1,000 elements: "
                + "build(inputs, n) must put the first n pairs in (size() is checked after each build)",
                "com.example.broken.DropsOne");
    }

    @Test
    void wrongLookupResultsAreCaught() {
        RecordRun run = refused(3, "com.example.broken.WrongValues");
        assertTrue(run.lastLine().startsWith("allocrec record: scenario 'wrong-values' looked up key "), run.lastLine());
        assertTrue(run.lastLine().endsWith("and gave a value that is not the one stored for it"), run.lastLine());
    }

    @Test
    void aFailureFirstSeenInTheTimingJvmStopsTheRunToo() {
        // Checked up to 2,000 elements before the sweep; 3,000 are first looked up by the timing, in its own JVM.
        Path out = folder.resolve("large.jfr");
        RecordRun run = RecordRun.of("--out", out.toString(), "--scenarios", "vec-pair", "--classpath", classes.toString(),
                "--scenario-class", "com.example.broken.LookupFailsWhenLarge", "--sizes", "1,3000", "--no-breakdown",
                "--timing-iterations", "2", "--timing-iteration-ms", "1");
        assertEquals(3, run.exit(), run.err());
        assertEquals("allocrec record: scenario 'lookup-fails-when-large' threw while looking up keys in 3,000 elements: "
                + "java.lang.ArrayIndexOutOfBoundsException: Array index out of range: 3000", run.lastLine());
        assertFalse(Files.exists(out));
    }

    @Test
    void aStructureHoldingTheInputsIsCaught() {
        assertRefused(3, "allocrec record: scenario 'keeps-the-inputs' keeps a reference to the inputs (KeyValueInputs) "
                + "in its structure, which would be weighed with it: store copies of the keys and values instead",
                "com.example.broken.KeepsTheInputs");
    }

    @Test
    void aClassPathThatDoesNotExistIsABadCommandLine() {
        RecordRun run = RecordRun.of("--out", folder.resolve("x.jfr").toString(), "--classpath",
                folder.resolve("nowhere.jar").toString(), "--scenario-class", "com.example.SortedList", "--sizes", "10");
        assertEquals(2, run.exit(), run.err());
        assertTrue(run.err().startsWith("--classpath: no such jar or folder: "), run.err());
    }

    private static void assertRefused(int exit, String message, String className) {
        RecordRun run = refused(exit, className);
        assertEquals(message, run.err().startsWith("--") ? run.err().lines().findFirst().orElseThrow() : run.lastLine());
    }

    /** Runs record with the class, to the end of a short sweep; checks the exit code, the one-line error, that nothing was written. */
    private static RecordRun refused(int exit, String className) {
        Path out = folder.resolve(className + ".jfr");
        RecordRun run = RecordRun.of("--out", out.toString(), "--scenarios", "vec-pair", "--classpath", classes.toString(),
                "--scenario-class", className, "--sizes", "1,1000", "--timing-forks", "0", "--timing-iterations", "2",
                "--timing-iteration-ms", "1");
        assertEquals(exit, run.exit(), run.err());
        assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
        assertFalse(Files.exists(out), "nothing written");
        try (Stream<Path> left = Files.list(folder)) {
            assertFalse(left.anyMatch(p -> p.getFileName().toString().endsWith(".part")), "no partial recording left");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return run;
    }
}

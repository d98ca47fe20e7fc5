package io.allocrec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.allocrec.attach.AgentJar;
import io.allocrec.attach.AttachProblem;
import io.allocrec.attach.AttachedJvm;
import io.allocrec.exit.ExitCodes;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code allocrec record --pid} on a JVM that is already running ({@link KnownAllocations}, a process
 * of its own): the agent's scopes give each method's exact bytes per call, as the application counts
 * them itself with its thread's allocation counter; afterwards the JVM is as it was (no scope events
 * in a plain recording, no recording of allocrec's left, the same results). The tests tagged slow (a
 * second JDK, a target left running until Ctrl-C, a kill or its own exit) run with
 * {@code mvn -B verify -Pall-tests}, as CI does.
 */
class RecordRunningJvmTest {

    private static final String WORK = KnownAllocations.WORK;
    private static final String SCOPES = WORK + "::fixed;" + WORK + "::twoArrays;" + WORK + "::failing;"
            + WORK + "::recursive";
    private static final String SCENARIO = "allocrec.Scenario";
    /** The most a scope's own objects add to the scope around it (104 bytes measured on JDK 17 and 25, 64 once C2 removes some). */
    private static final long NESTED_SCOPE_BYTES = 128;

    @TempDir
    Path folder;

    @Test
    void scopesOfARunningJvmGiveTheApplicationsOwnBytesPerCall() throws Exception {
        assertScopesGiveTheApplicationsOwnBytesPerCall(TargetJvm.currentJava());
    }

    @Test
    @Tag("slow")
    void scopesOfARunningJdk25GiveTheApplicationsOwnBytesPerCall() throws Exception {
        Path java = TargetJvm.jdk25Java();
        Assumptions.assumeTrue(java != null, "no JDK 25 found (looked under /usr/lib/jvm and $JDK25_HOME)");
        assertScopesGiveTheApplicationsOwnBytesPerCall(java);
    }

    private void assertScopesGiveTheApplicationsOwnBytesPerCall(Path java) throws Exception {
        Path recording = folder.resolve("scoped.jfr");
        Path report = folder.resolve("report");
        try (TargetJvm target = TargetJvm.start(java, folder, List.of())) {
            CliRun run = CliRun.of("record", "--pid", Long.toString(target.pid()), "--duration", "2s",
                    "--scope", SCOPES, "--scope", KnownAllocations.BUFFER, "--scope", "com.nowhere.Missing::call",
                    "--out", recording.toString(), "--report", report.toString());
            assertEquals(0, run.exit(), run.err());
            assertTrue(run.err().contains("warning: scope filter 'com.nowhere.Missing::call' matches no method"), run.err());

            Map<String, TargetJvm.Figure> figures = target.figures();
            Map<String, CSVRecord> scopes = scopesCsv(report.resolve("scopes.csv"));
            for (String name : KnownAllocations.NAMES) {
                CSVRecord row = scopes.get(name);
                assertTrue(row != null, name + " missing from " + scopes.keySet());
                long calls = Long.parseLong(row.get("calls"));
                assertTrue(calls > 100, name + ": " + calls + " calls in 2 s");
                assertEquals(calls, Long.parseLong(row.get("exact_calls")), name);
                if (!name.endsWith("::recursive")) {
                    long own = figures.get(name).meanBytes();
                    assertEquals(own, Long.parseLong(row.get("allocated_bytes_mean")),
                            name + ": the report's exact mean against the application's own count");
                    assertEquals(own, Long.parseLong(row.get("allocated_bytes_p99")), name + ": every call the same");
                }
            }
            assertRecursionLevelsAreNestedScopes(recording, figures.get(WORK + "::recursive").meanBytes());
            assertEquals(0, figures.get("wrong").calls(), "the application computes what it did before");

            assertLeftAsFound(target);
            assertEquals(0, target.figures().get("wrong").calls());
            String targetErrors = target.errors();
            assertTrue(targetErrors.contains("allocrec agent: scopes in place") && targetErrors.contains("scopes taken out"),
                    targetErrors);
        }
    }

    /**
     * Each level of recursive(3) allocates one array and calls the next: the innermost scope holds the array alone
     * (what the application counts), each outer one level k holds k + 1 arrays and the bookkeeping of the k scopes
     * nested in it (what the JIT leaves of an AllocationScope and its event: at most {@value #NESTED_SCOPE_BYTES}
     * bytes). A thread's first scopes also hold what JFR allocates for the thread at its first event: rare sizes.
     */
    private static void assertRecursionLevelsAreNestedScopes(Path recording, long innermost) throws IOException {
        Map<Long, Long> callsBySize = new TreeMap<>();
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            if (event.getEventType().getName().equals(SCENARIO) && event.getString("name").equals(WORK + "::recursive")) {
                callsBySize.merge(event.getLong("allocatedBytes"), 1L, Long::sum);
            }
        }
        long calls = callsBySize.values().stream().mapToLong(Long::longValue).sum();
        Set<Integer> levels = new TreeSet<>();
        for (Map.Entry<Long, Long> size : callsBySize.entrySet()) {
            if (size.getValue() > calls / 100) {
                long bytes = size.getKey();
                int level = IntStream.rangeClosed(0, 3)
                        .filter(k -> bytes >= (k + 1) * innermost && bytes <= (k + 1) * innermost + k * NESTED_SCOPE_BYTES)
                        .findFirst().orElseThrow(() -> new AssertionError(bytes + " bytes fits no level: " + callsBySize));
                levels.add(level);
            }
        }
        assertEquals(Set.of(0, 1, 2, 3), levels, callsBySize.toString());
        assertTrue(callsBySize.getOrDefault(innermost, 0L) > calls / 5, "the innermost level is the application's count: "
                + innermost + " bytes, " + callsBySize);
    }

    /** A plain recording made after record --pid has no scope events; no recording of allocrec's is left. */
    private void assertLeftAsFound(TargetJvm target) throws Exception {
        Path plain = folder.resolve("plain.jfr");
        CliRun run = CliRun.of("record", "--pid", Long.toString(target.pid()), "--duration", "1s", "--settings", "allocation",
                "--out", plain.toString());
        assertEquals(0, run.exit(), run.err());
        List<RecordedEvent> events = RecordingFile.readAllEvents(plain);
        assertTrue(events.stream().anyMatch(e -> e.getEventType().getName().equals("jdk.ObjectAllocationSample")),
                "the plain recording records");
        assertEquals(0, events.stream().filter(e -> e.getEventType().getName().equals(SCENARIO)).count(),
                "scope events after record --pid returned: the instrumentation is still there");
        try (AttachedJvm jvm = AttachedJvm.attach(target.pid())) {
            assertNull(jvm.systemProperty("allocrec.agent.scopes"));
            assertFalse(jvm.jcmd("JFR.check").contains("allocrec-record-"), jvm.jcmd("JFR.check"));
        }
    }

    @Test
    @Tag("slow")
    void ctrlCEndsTheRecordingEarlyAndStillWritesAndCleansUp() throws Exception {
        Path recording = folder.resolve("interrupted.jfr");
        try (TargetJvm target = TargetJvm.start(TargetJvm.currentJava(), folder, List.of())) {
            Process tool = startTool(interruptible(), "record", "--pid", Long.toString(target.pid()), "--duration", "60s",
                    "--scope", WORK + "::fixed", "--out", recording.toString());
            awaitRecording(tool);
            signal(tool, "INT");
            assertTrue(tool.waitFor(60, TimeUnit.SECONDS), "record --pid did not end on Ctrl-C");
            assertTrue(Files.size(recording) > 0, "the recording is written");
            assertTrue(scopeEvents(recording) > 0);
            assertLeftAsFound(target);
        }
    }

    @Test
    @Tag("slow")
    void aRecordKilledMidwayIsCleanedUpByStop() throws Exception {
        try (TargetJvm target = TargetJvm.start(TargetJvm.currentJava(), folder, List.of())) {
            Process tool = startTool("record", "--pid", Long.toString(target.pid()), "--duration", "60s",
                    "--scope", WORK + "::fixed", "--out", folder.resolve("killed.jfr").toString());
            awaitRecording(tool);
            tool.destroyForcibly().waitFor();
            try (AttachedJvm jvm = AttachedJvm.attach(target.pid())) {
                assertTrue(jvm.systemProperty("allocrec.agent.scopes") != null, "a killed record leaves its scopes");
            }
            CliRun stop = CliRun.of("record", "--pid", Long.toString(target.pid()), "--stop");
            assertEquals(0, stop.exit(), stop.err());
            assertTrue(stop.err().contains("stopped allocrec-record-"), stop.err());
            assertLeftAsFound(target);
        }
    }

    @Test
    @Tag("slow")
    void aJvmThatExitsDuringTheRecordingLeavesItsDumpOnExit() throws Exception {
        Path recording = folder.resolve("exited.jfr");
        // Eight seconds: attaching, starting JFR and loading the agent take seconds on a busy machine.
        try (TargetJvm target = TargetJvm.start(TargetJvm.currentJava(), folder, List.of(), "exit-after", "8")) {
            CliRun run = CliRun.of("record", "--pid", Long.toString(target.pid()), "--duration", "30s",
                    "--scope", WORK + "::fixed", "--out", recording.toString());
            assertEquals(0, run.exit(), run.err());
            assertTrue(run.err().contains("exited during the recording: this is the dump it wrote on exit"), run.err());
            assertTrue(scopeEvents(recording) > 0);
            assertTrue(target.waitForExit(10));
        }
    }

    @Test
    void scopesGivenAtStartAreNotScopedAgain() throws Exception {
        String atStart = WORK + "::fixed";
        try (TargetJvm target = TargetJvm.start(TargetJvm.currentJava(), folder,
                List.of("-javaagent:" + AgentJar.locate() + "=scopes=" + atStart))) {
            CliRun run = CliRun.of("record", "--pid", Long.toString(target.pid()), "--duration", "1s",
                    "--scope", atStart, "--out", folder.resolve("twice.jfr").toString());
            assertEquals(ExitCodes.REFUSED, run.exit(), run.err());
            assertTrue(run.err().strip().startsWith("allocrec record: JVM " + target.pid()
                    + " already makes scopes with the agent given at start (" + atStart + ")"), run.err());
            try (AttachedJvm jvm = AttachedJvm.attach(target.pid())) {
                assertEquals(atStart, jvm.systemProperty("allocrec.agent.scopes"), "the scopes given at start stay");
                assertFalse(jvm.jcmd("JFR.check").contains("allocrec-record-"), jvm.jcmd("JFR.check"));
            }
        }
    }

    @Test
    void whatCannotBeRecordedIsOneLineAndAnExitCode() throws Exception {
        Path out = folder.resolve("never.jfr");
        Process finished = new ProcessBuilder("true").start();
        finished.waitFor();
        assertFails(ExitCodes.NO_SUCH_JVM, "no process " + finished.pid(),
                "record", "--pid", Long.toString(finished.pid()), "--out", out.toString());

        Process sleeper = new ProcessBuilder("sleep", "60").start();
        try {
            assertFails(ExitCodes.NO_SUCH_JVM, "is not a Java virtual machine",
                    "record", "--pid", Long.toString(sleeper.pid()), "--out", out.toString());
            assertTrue(sleeper.isAlive(), "a process that is not a JVM is sent nothing (SIGQUIT would end it)");
        } finally {
            sleeper.destroy();
        }

        try (TargetJvm closed = TargetJvm.start(TargetJvm.currentJava(), folder, List.of("-XX:+DisableAttachMechanism"))) {
            assertFails(ExitCodes.REFUSED, "-XX:+DisableAttachMechanism",
                    "record", "--pid", Long.toString(closed.pid()), "--out", out.toString());
        }

        Path jdk25 = TargetJvm.jdk25Java();
        if (jdk25 != null) {
            try (TargetJvm noAgents = TargetJvm.start(jdk25, folder, List.of("-XX:-EnableDynamicAgentLoading"))) {
                assertFails(ExitCodes.REFUSED, "-XX:-EnableDynamicAgentLoading and refuses agents",
                        "record", "--pid", Long.toString(noAgents.pid()), "--scope", WORK + "::fixed", "--out", out.toString());
                try (AttachedJvm jvm = AttachedJvm.attach(noAgents.pid())) {
                    assertFalse(jvm.jcmd("JFR.check").contains("allocrec-record-"), "refused before anything started");
                }
            }
        }

        String self = Long.toString(ProcessHandle.current().pid() + 1);
        assertFails(2, "scope filter 'com.shop..Orders': a name is missing at character 10",
                "record", "--pid", self, "--scope", "com.shop..Orders", "--out", out.toString());
        assertFails(2, "'30 seconds' is not a duration",
                "record", "--pid", self, "--duration", "30 seconds", "--out", out.toString());
        Path file = Files.writeString(folder.resolve("a-file"), "in the way");
        assertFails(ExitCodes.NOT_WRITABLE, "is a file, where a folder is needed",
                "record", "--pid", self, "--out", file.resolve("out.jfr").toString());
        assertFails(2, "--sizes is an option of the sweep", "record", "--pid", self, "--sizes", "10", "--out", out.toString());
    }

    private void assertFails(int exit, String message, String... args) throws IOException {
        CliRun run = CliRun.of(args);
        assertEquals(exit, run.exit(), run.err());
        assertTrue(run.err().contains(message), run.err());
        assertEquals(1, run.err().lines().count(), "one line: " + run.err());
        assertFalse(Files.exists(folder.resolve("never.jfr")), "no output");
        try (Stream<Path> files = Files.list(folder)) {
            assertFalse(files.anyMatch(f -> f.getFileName().toString().endsWith(".jfr.part")), "no half-written file");
        }
    }

    /** record --pid in a process of its own, as the JVM that records (no further fork), so signals reach it. */
    private static Process startTool(String... args) throws IOException {
        return startTool(List.of(), args);
    }

    private static Process startTool(List<String> prefix, String... args) throws IOException {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(TargetJvm.currentJava().toString(),
                "--add-exports", "jdk.attach/sun.tools.attach=ALL-UNNAMED", "-Dallocrec.jvm=record",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /**
     * A prefix that gives the tool Ctrl-C's default handling: a build started in the background
     * by a non-interactive shell (as CI jobs can be) passes SIGINT on ignored, and a JVM that
     * starts with it ignored never sees Ctrl-C. GNU env resets it; elsewhere, nothing.
     */
    private static List<String> interruptible() throws Exception {
        List<String> env = List.of("env", "--default-signal=INT");
        List<String> probe = new ArrayList<>(env);
        probe.add("true");
        try {
            return new ProcessBuilder(probe).start().waitFor() == 0 ? env : List.of();
        } catch (IOException noEnv) {
            return List.of();
        }
    }

    private static void awaitRecording(Process tool) throws IOException {
        var lines = new java.io.BufferedReader(new java.io.InputStreamReader(tool.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            seen.append(line).append('\n');
            if (line.contains("(Ctrl-C ends it early)")) {
                return;
            }
        }
        throw new AssertionError("record --pid ended before recording: " + seen);
    }

    private static void signal(Process process, String signal) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start().waitFor());
    }

    private static long scopeEvents(Path recording) throws IOException {
        return RecordingFile.readAllEvents(recording).stream()
                .filter(e -> e.getEventType().getName().equals(SCENARIO)).count();
    }

    private static Map<String, CSVRecord> scopesCsv(Path csv) throws IOException {
        Map<String, CSVRecord> rows = new HashMap<>();
        try (Reader in = Files.newBufferedReader(csv)) {
            for (CSVRecord row : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                rows.put(row.get("scope"), row);
            }
        }
        return rows;
    }
}

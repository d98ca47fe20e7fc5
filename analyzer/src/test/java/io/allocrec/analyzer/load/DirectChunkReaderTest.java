package io.allocrec.analyzer.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.allocrec.analyzer.Jdk25Recordings;
import io.allocrec.analyzer.TestRecordings;
import io.allocrec.recorder.AllocationScope;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The direct reader against JMC's parser, the independent reference: on every chunk of real
 * recordings, both must take the same events, and word them the same (threads, times, weights,
 * class names, every frame of every stack and whether it is application code, scope names and
 * figures, pauses, thread starts and ends, the JVM, every event type with its fields and count).
 * Each side interns into tables of its own, so the comparison is of text, not of ids.
 */
class DirectChunkReaderTest {

    @TempDir
    Path folder;

    /** A user's own duration event, named by a text field, as a service would declare it. */
    @Name("test.Request")
    @Label("Request")
    static final class RequestEvent extends Event {
        @Label("Endpoint")
        String endpoint;
    }

    @ParameterizedTest(name = "{0} with scopes {1}")
    @CsvSource({
        "jdk11-openjdk-11.0.16.jfr.gz, jdk.ThreadPark,     , true",
        "jdk17-openjdk-17.0.2.jfr.gz,  jdk.ThreadPark,     , true",
        "jdk17-openjdk-17.0.2.jfr.gz,  jdk.ThreadSleep,    time, false", // a duration label: JMC words it
        "jdk21-zulu-21.0.4.jfr.gz,     jdk.ThreadPark,     , true",
        "jdk21-zulu-21.0.4.jfr.gz,     jdk.JavaMonitorWait, monitorClass, true",
        // async-profiler's own writer: TLAB events instead of samples, its own event types
        "async-profiler-2.8-jdk17.jfr.gz, jdk.JavaMonitorEnter, , true",
        "async-profiler-3.0-jfrsync-jdk17-3chunks.jfr.gz, profiler.WallClockSleeping, , true",
    })
    void readsPublicRecordingsAsJmcDoes(String name, String scopeType, String label, boolean direct) throws Exception {
        Path file = folder.resolve(name);
        try (InputStream in = DirectChunkReaderTest.class.getResourceAsStream("/recordings/" + name)) {
            Files.copy(in, file);
        }
        assertSameAsJmc(file, new ScopeSelection(scopeType, label), direct);
    }

    @Test
    void readsAllocrecScopesAndUserEventsAsJmcDoes() throws Exception {
        Path file = TestRecordings.record(folder.resolve("scopes.jfr"),
                recording -> recording.enable(RequestEvent.class).withStackTrace(), () -> {
                    List<Thread> threads = new ArrayList<>();
                    for (int t = 0; t < 3; t++) {
                        int id = t;
                        threads.add(new Thread(() -> work(id), "worker \"" + t + "\" ünïcode"));
                    }
                    threads.forEach(Thread::start);
                    for (Thread thread : threads) {
                        thread.join();
                    }
                });
        assertSameAsJmc(file, ScopeSelection.scenarios(), true);
        assertSameAsJmc(file, new ScopeSelection("test.Request", "endpoint"), true);
        assertSameAsJmc(file, new ScopeSelection("test.Request", null), true);
        assertSameAsJmc(file, new ScopeSelection("test.Request", "eventThread"), true);
        // A label JMC shows with a unit (a duration): left to JMC, which words it.
        assertSameAsJmc(file, new ScopeSelection("test.Request", "duration"), false);
    }

    @Test
    void readsJdk25MethodTracesAndVirtualThreadsAsJmcDoes() throws Exception {
        Path file = Jdk25Recordings.record(folder);
        Assumptions.assumeTrue(file != null, "no JDK 25 found: its recordings not compared");
        assertSameAsJmc(file, new ScopeSelection("jdk.MethodTrace", "method"), true);
        assertSameAsJmc(file, ScopeSelection.scenarios(), true);
    }

    private static void work(int thread) {
        List<Object> kept = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            RequestEvent request = new RequestEvent();
            request.begin();
            request.endpoint = "GET /orders/" + (i % 4) + (thread == 2 ? " ✓" : "");
            try (AllocationScope outer = AllocationScope.open("outer " + (i % 3))) {
                kept.add(new byte[1024 * (1 + i % 5)]);
                try (AllocationScope inner = AllocationScope.open("inner")) {
                    kept.add(new long[256]);
                    kept.add(String.valueOf(i).repeat(50));
                }
            }
            request.commit();
            if (kept.size() > 200) {
                kept.clear();
            }
        }
    }

    /**
     * Reads each chunk of the file both ways and compares what was taken.
     *
     * @param direct whether the direct reader must take the chunks itself (false: it must leave them to JMC)
     */
    private static void assertSameAsJmc(Path file, ScopeSelection selection, boolean direct) throws Exception {
        RecordingFile recording = RecordingFile.scan(file, 1);
        // One direct reader for the file, as a report has: what it keeps from chunk to chunk is compared too.
        StackTable directStacks = new StackTable();
        StringIds directNames = new StringIds();
        DirectChunkReader reader = new DirectChunkReader(selection, directNames, directStacks, new AtomicLong());
        try (InputStream in = recording.open()) {
            for (ChunkSpan chunk : recording.chunks()) {
                byte[] bytes = in.readNBytes((int) chunk.size());
                StackTable jmcStacks = new StackTable();
                StringIds jmcNames = new StringIds();
                ChunkEvents byJmc = new ChunkParser(selection, jmcNames, jmcStacks, new AtomicLong(),
                        ChunkParser.Reader.JMC).parse(new ByteArrayInputStream(bytes), recording, chunk);
                ChunkEvents byDirect = new ChunkEvents(byJmc.where(), 1);
                String leftToJmc = reader.read(bytes, bytes.length, byDirect);
                if (!direct) {
                    assertNotNull(leftToJmc, file + " " + selection + ": should be left to JMC, with a reason");
                    assertTrue(byJmc.leftToJmc().isEmpty(), "the JMC-only reading names no fallback");
                    continue;
                }
                assertNull(leftToJmc, file + " " + selection + ": the direct reader declined it");
                List<String> expected = dump(byJmc, jmcStacks, jmcNames);
                List<String> actual = dump(byDirect, directStacks, directNames);
                assertTrue(expected.size() > 10, "too little in " + file + " to compare: " + expected);
                for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
                    assertEquals(expected.get(i), actual.get(i), file + " " + selection + ", line " + i);
                }
                assertEquals(expected.size(), actual.size(), file + " " + selection);
            }
        }
    }

    /** Everything a chunk's events hold, as text, ids resolved. */
    private static List<String> dump(ChunkEvents events, StackTable stacks, StringIds scopeNames) {
        List<String> lines = new ArrayList<>();
        lines.add("jvm " + events.jvm() + ", tlab " + events.samplesFromTlabEvents() + ", scopes with duration "
                + events.scopesWithDuration() + ", from " + events.startNanos() + " to " + events.endNanos());
        events.eventCounts().forEach((type, count) -> lines.add("count " + type + " " + count));
        events.types().forEach((type, info) -> lines.add("type " + info));
        events.pauses().forEach(pause -> lines.add("pause " + pause[0] + " " + pause[1]));
        events.threadStarts().forEach((thread, time) -> lines.add("start " + thread + " " + time));
        events.threadEnds().forEach(thread -> lines.add("end " + thread));
        events.timings().forEach(timing -> lines.add("timing " + timing));
        events.classShares().forEach(share -> lines.add("share " + share));
        for (Map.Entry<String, ThreadBatch> entry : events.threads().entrySet()) {
            ThreadBatch batch = entry.getValue();
            lines.add("thread " + entry.getKey() + " '" + batch.threadName() + "'");
            for (int i = 0; i < batch.sampleCount(); i++) {
                int key = batch.key(i);
                int stack = stacks.stackOf(key);
                StringBuilder frames = new StringBuilder();
                for (int f = 0; f < stacks.depth(stack); f++) {
                    frames.append(stacks.frame(stack, f)).append(stacks.isApplicationFrame(stack, f) ? " (app)" : "")
                            .append(" | ");
                }
                lines.add("sample " + batch.sampleTime(i) + " " + batch.weight(i) + " "
                        + stacks.classes().name(stacks.classOf(key)) + " at " + frames);
            }
            for (int i = 0; i < batch.scopeCount(); i++) {
                lines.add("scope '" + scopeNames.name(batch.nameId(i)) + "' " + batch.start(i) + " " + batch.end(i) + " "
                        + batch.size(i) + " " + batch.payload(i) + " " + batch.allocated(i) + " " + batch.retained(i));
            }
        }
        return lines;
    }
}

package io.allocrec.analyzer.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.allocrec.analyzer.cli.CheckCommand;
import io.allocrec.analyzer.cli.DiffCommand;
import io.allocrec.analyzer.cli.ReportCommand;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Chunks damaged in ways no JVM writes, built byte by byte ({@link ChunkBuilder}): the direct
 * reader must neither crash, nor hang, nor read them differently from JMC's parser.
 */
class DamagedChunksTest {

    private static final ScopeSelection BY_TEXT = new ScopeSelection(ChunkBuilder.EVENT, "text");

    @TempDir
    Path folder;

    @Test
    void aWellFormedBuiltChunkReadsTheSameBothWays() throws Exception {
        byte[] chunk = new ChunkBuilder()
                .event(100, 50, 1, ChunkBuilder.text("GET /a"))
                .event(200, 70, 1, ChunkBuilder.pooledText(7))
                .checkpoint(ChunkBuilder.THREAD, 1, ChunkBuilder.thread("main", 5), ChunkBuilder.STRING, 7,
                        ChunkBuilder.text("GET /b"))
                .build();
        List<String> direct = scopes(chunk, ChunkParser.Reader.DIRECT);
        assertEquals(List.of("java:5 'GET /a' 1000000100-1000000150", "java:5 'GET /b' 1000000200-1000000270"), direct);
        assertEquals(scopes(chunk, ChunkParser.Reader.JMC), direct);
    }

    @Test
    void jfrsDataLossEventsAreCountedAlikeByBothReaders() throws Exception {
        byte[] chunk = new ChunkBuilder()
                .event(100, 50, 1, ChunkBuilder.text("GET /a"))
                .dataLoss(150, 8192, 1_400_000) // a thread's running total, since before the recording
                .dataLoss(160, 4096, 4096) // another thread's first loss
                .checkpoint(ChunkBuilder.THREAD, 1, ChunkBuilder.thread("main", 5))
                .build();
        for (ChunkParser.Reader reader : List.of(ChunkParser.Reader.DIRECT, ChunkParser.Reader.JMC)) {
            ChunkEvents events = parse(chunk, reader);
            assertEquals(2, events.dataLosses(), reader.name());
            assertEquals(8192 + 4096, events.lostAtLeast(), reader.name() + ": the amounts, not the totals");
            assertTrue(events.leftToJmc().isEmpty() || reader == ChunkParser.Reader.JMC, reader.name());
        }
    }

    @Test
    void reportDiffAndCheckWarnOfWhatJfrDroppedAndOnlyThen() throws Exception {
        byte[] lossy = new ChunkBuilder().event(100, 50, 1, ChunkBuilder.text("GET /a"))
                .dataLoss(150, 8192, 1_400_000)
                .checkpoint(ChunkBuilder.THREAD, 1, ChunkBuilder.thread("main", 5)).build();
        byte[] whole = new ChunkBuilder().event(100, 50, 1, ChunkBuilder.text("GET /a"))
                .checkpoint(ChunkBuilder.THREAD, 1, ChunkBuilder.thread("main", 5)).build();
        String loss = "JFR dropped events it could not write in time (1 jdk.DataLoss event, at least 8,192 bytes "
                + "of events)";

        String lossyReport = report(lossy);
        assertTrue(lossyReport.contains("allocrec report: warning: " + loss), lossyReport);
        assertTrue(Files.readString(folder.resolve("report").resolve("index.html")).contains("Warning: " + loss),
                "the page says it too");
        String wholeReport = report(whole);
        assertTrue(!wholeReport.contains("JFR dropped"), wholeReport);
        assertTrue(!Files.readString(folder.resolve("report").resolve("index.html")).contains("JFR dropped"));

        Path base = Files.write(folder.resolve("base.jfr"), lossy);
        Path changed = Files.write(folder.resolve("new.jfr"), whole);
        ByteArrayOutputStream diffErr = new ByteArrayOutputStream();
        int exit = new CommandLine(new DiffCommand(new PrintStream(OutputStream.nullOutputStream()),
                new PrintStream(diffErr, true, StandardCharsets.UTF_8)))
                .execute(base.toString(), changed.toString(), "--scope-event", ChunkBuilder.EVENT, "--label", "text",
                        "--out", folder.resolve("diff").toString());
        String diffPrinted = diffErr.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, diffPrinted);
        List<String> diffWarnings = diffPrinted.lines().filter(line -> line.contains("JFR dropped")).toList();
        assertEquals(1, diffWarnings.size(), diffPrinted);
        assertTrue(diffWarnings.get(0).startsWith("allocrec diff: warning, base side: " + loss), diffPrinted);
        String diffPage = Files.readString(folder.resolve("diff").resolve("index.html"));
        assertTrue(diffPage.contains("Warning, base side: " + loss) && !diffPage.contains("new side: JFR"),
                "diff's page names the side that lost events");

        Path budgets = Files.writeString(folder.resolve("budgets.csv"), "scope,metric,limit\nGET /a,calls,10\n");
        ByteArrayOutputStream checkErr = new ByteArrayOutputStream();
        exit = new CommandLine(new CheckCommand(new PrintStream(OutputStream.nullOutputStream()),
                new PrintStream(checkErr, true, StandardCharsets.UTF_8)))
                .execute(base.toString(), "--budget", budgets.toString(), "--scope-event", ChunkBuilder.EVENT,
                        "--label", "text", "--out", folder.resolve("check").toString());
        String checkPrinted = checkErr.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, checkPrinted);
        assertTrue(checkPrinted.contains("allocrec check: warning: " + loss), checkPrinted);
        assertTrue(Files.readString(folder.resolve("check").resolve("summary.md")).contains("**Warning:** " + loss),
                "check's summary for the CI job says it");
    }

    /** What report printed on stderr for a recording of one chunk. */
    private String report(byte[] chunk) throws Exception {
        Path file = Files.write(folder.resolve("report-input.jfr"), chunk);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new CommandLine(new ReportCommand(new PrintStream(OutputStream.nullOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8)))
                .execute(file.toString(), "--scope-event", ChunkBuilder.EVENT, "--label", "text",
                        "--out", folder.resolve("report").toString());
        String printed = err.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, printed);
        return printed;
    }

    @Test
    void aPooledStringThatRefersToItselfIsReadAsJmcReadsIt() throws Exception {
        byte[] chunk = new ChunkBuilder()
                .event(100, 50, 1, ChunkBuilder.pooledText(7))
                .checkpoint(ChunkBuilder.THREAD, 1, ChunkBuilder.thread("main", 5), ChunkBuilder.STRING, 7,
                        ChunkBuilder.pooledText(7))
                .build();
        // Before: a StackOverflowError, which no fallback caught.
        assertEquals(scopes(chunk, ChunkParser.Reader.JMC), scopes(chunk, ChunkParser.Reader.AUTO));
    }

    @Test
    void aConstantPoolChainThatLoopsIsDamageNotAHang() throws Exception {
        byte[] chunk = new ChunkBuilder()
                .event(100, 50, 1, ChunkBuilder.text("x"))
                .checkpoint(ChunkBuilder.THREAD, 1, ChunkBuilder.thread("main", 5))
                .checkpoint(ChunkBuilder.THREAD, 2, ChunkBuilder.thread("other", 6))
                .looping()
                .build();
        // JMC's parser loops for ever on such a chain: the chunk must not reach it.
        RecordingProblem problem = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> assertThrows(RecordingProblem.class, () -> scopes(chunk, ChunkParser.Reader.AUTO)));
        assertTrue(problem.getMessage().contains("constant pool chain loops"), problem.getMessage());
        assertTrue(problem.getMessage().endsWith("the file is damaged"), problem.getMessage());
    }

    @Test
    void aThreadIdOfLongMinValueIsNoThreadAsForJmc() throws Exception {
        byte[] chunk = new ChunkBuilder()
                .event(100, 50, 1, ChunkBuilder.text("first"))
                .event(200, 50, Long.MIN_VALUE, ChunkBuilder.text("second"))
                .checkpoint(ChunkBuilder.THREAD, 1, ChunkBuilder.thread("main", 5))
                .build();
        List<String> direct = scopes(chunk, ChunkParser.Reader.DIRECT);
        assertEquals(List.of("java:5 'first' 1000000100-1000000150", "none 'second' 1000000200-1000000250"), direct);
        assertEquals(scopes(chunk, ChunkParser.Reader.JMC), direct);
    }

    @Test
    void aCheckpointWhoseEntriesEndBeforeItsSizeIsDamage() throws Exception {
        byte[] threadAndOneMore = concat(ChunkBuilder.thread("main", 5), new byte[] {0});
        byte[] chunk = new ChunkBuilder()
                .event(100, 50, 1, ChunkBuilder.text("x"))
                .checkpoint(ChunkBuilder.THREAD, 1, threadAndOneMore)
                .build();
        assertDamaged(chunk, "has a constant pool (checkpoint event) at byte " + (68 + eventSize(chunk, 68))
                + " whose entries end 1 byte before its size of ");
    }

    @Test
    void aCheckpointWhoseStringRunsPastItsEndIsDamage() throws Exception {
        // A thread name's length of 100 where the checkpoint has 12 bytes left: the bytes after it
        // (the metadata) must not be read as the name.
        byte[] longName = new ChunkBuilder.Bytes().raw(new byte[] {3}).varlong(100).raw("main".getBytes(StandardCharsets.UTF_8))
                .toBytes();
        byte[] chunk = new ChunkBuilder()
                .event(100, 50, 1, ChunkBuilder.text("x"))
                .checkpoint(ChunkBuilder.THREAD, 1, longName)
                .build();
        assertDamaged(chunk, "has a constant pool (checkpoint event) at byte " + (68 + eventSize(chunk, 68))
                + " whose entries run past its size of ");
    }

    @Test
    void anEventWhoseFieldsEndBeforeItsSizeIsDamage() throws Exception {
        byte[] chunk = new ChunkBuilder()
                .event(100, 50, 1, ChunkBuilder.text("first"))
                .event(200, 50, 1, concat(ChunkBuilder.text("second"), new byte[] {0, 0}))
                .checkpoint(ChunkBuilder.THREAD, 1, ChunkBuilder.thread("main", 5))
                .build();
        assertDamaged(chunk, "has an event (test.Ev) at byte " + (68 + eventSize(chunk, 68))
                + " whose fields end 2 bytes before its size of ");
    }

    @Test
    void anEventWhoseTextRunsIntoTheNextEventIsDamage() throws Exception {
        byte[] tooLong = new ChunkBuilder.Bytes().raw(new byte[] {3}).varlong(12).raw("first".getBytes(StandardCharsets.UTF_8))
                .toBytes();
        byte[] chunk = new ChunkBuilder()
                .event(100, 50, 1, tooLong)
                .event(200, 50, 1, ChunkBuilder.text("second"))
                .checkpoint(ChunkBuilder.THREAD, 1, ChunkBuilder.thread("main", 5))
                .build();
        assertDamaged(chunk, "has an event (test.Ev) at byte 68 whose fields end 7 bytes after its size of ");
    }

    @Test
    void anAllocationSampleIsTakenAsJmcTakesIt() throws Exception {
        // The direct reader reads a sample laid out as the JDK writes it in one go, apart from
        // the other events: the same rows as JMC's, a sample without a pooled thread included.
        byte[] chunk = new ChunkBuilder()
                .sample(100, 1, 7, 9, ChunkBuilder.varlong(4096))
                .sample(150, 2, 7, 9, ChunkBuilder.varlong(300_000_000_000L))
                .sample(200, 1, 8, 10, ChunkBuilder.varlong(1))
                .checkpoint(ChunkBuilder.THREAD, 1, ChunkBuilder.thread("main", 5))
                .build();
        List<String> direct = samples(chunk, ChunkParser.Reader.DIRECT);
        assertEquals(List.of("java:5 1000000100 4096", "java:5 1000000200 1", "none 1000000150 300000000000"), direct);
        assertEquals(samples(chunk, ChunkParser.Reader.JMC), direct);
    }

    @Test
    void anAllocationSampleWhoseFieldsEndBeforeItsSizeIsDamage() throws Exception {
        byte[] chunk = new ChunkBuilder()
                .sample(100, 1, 7, 9, ChunkBuilder.varlong(4096))
                .sample(200, 1, 7, 9, concat(ChunkBuilder.varlong(4096), new byte[] {0, 0}))
                .checkpoint(ChunkBuilder.THREAD, 1, ChunkBuilder.thread("main", 5))
                .build();
        assertDamaged(chunk, "has an event (jdk.ObjectAllocationSample) at byte " + (68 + eventSize(chunk, 68))
                + " whose fields end 2 bytes before its size of ");
    }

    @Test
    void anAllocationSampleWhoseWeightRunsIntoTheNextEventIsDamage() throws Exception {
        // A weight whose last byte says more follows: it runs on through the next event's size.
        byte[] chunk = new ChunkBuilder()
                .sample(100, 1, 7, 9, new byte[] {(byte) 0x81})
                .sample(200, 1, 7, 9, ChunkBuilder.varlong(4096))
                .checkpoint(ChunkBuilder.THREAD, 1, ChunkBuilder.thread("main", 5))
                .build();
        assertDamaged(chunk, "has an event (jdk.ObjectAllocationSample) at byte 68 whose fields end 4 bytes after its size of ");
    }

    @Test
    void anEventWhoseSizeDoesNotFitTheChunkIsDamageForEveryReader() throws Exception {
        // A size of 0 would never step on (a hang, hence the time limit), one past the end would
        // read the metadata as events: the direct reader checks each size as it reads it, the JMC
        // path all of them first.
        for (byte[] badSize : List.of(new byte[] {0}, ChunkBuilder.varlong(100_000))) {
            byte[] chunk = new ChunkBuilder()
                    .event(100, 50, 1, ChunkBuilder.text("first"))
                    .raw(badSize)
                    .checkpoint(ChunkBuilder.THREAD, 1, ChunkBuilder.thread("main", 5))
                    .build();
            String problem = "has an event at byte " + (68 + eventSize(chunk, 68)) + " whose size does not fit the chunk";
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertDamaged(chunk, problem));
            RecordingProblem jmc = assertThrows(RecordingProblem.class, () -> scopes(chunk, ChunkParser.Reader.JMC));
            assertTrue(jmc.getMessage().contains(problem), jmc.getMessage());
        }
    }

    private void assertDamaged(byte[] chunk, String problem) {
        // The JMC reader is not asked: it reads such chunks as if nothing were wrong.
        for (ChunkParser.Reader reader : List.of(ChunkParser.Reader.AUTO, ChunkParser.Reader.DIRECT)) {
            RecordingProblem damage = assertThrows(RecordingProblem.class, () -> scopes(chunk, reader));
            assertTrue(damage.getMessage().contains("built.jfr: chunk 1 at byte 0 " + problem), damage.getMessage());
            assertTrue(damage.getMessage().endsWith(": the file is damaged"), damage.getMessage());
        }
    }

    /** The size of the event at {@code offset}, as its padded four-byte varint says. */
    private static int eventSize(byte[] chunk, int offset) {
        return (chunk[offset] & 0x7F) | (chunk[offset + 1] & 0x7F) << 7 | (chunk[offset + 2] & 0x7F) << 14
                | (chunk[offset + 3] & 0x7F) << 21;
    }

    private static byte[] concat(byte[] first, byte[] second) {
        return new ChunkBuilder.Bytes().raw(first).raw(second).toBytes();
    }

    /** Each thread's scopes as "thread 'name' start-end", read by one reader. */
    private List<String> scopes(byte[] chunk, ChunkParser.Reader reader) throws Exception {
        StringIds names = new StringIds();
        ChunkEvents events = parse(chunk, reader, names);
        List<String> scopes = new ArrayList<>();
        events.threads().forEach((thread, batch) -> {
            for (int i = 0; i < batch.scopeCount(); i++) {
                scopes.add(thread + " '" + names.name(batch.nameId(i)) + "' " + batch.start(i) + "-" + batch.end(i));
            }
        });
        return scopes;
    }

    /** Each allocation sample as "thread time weight", by thread. */
    private List<String> samples(byte[] chunk, ChunkParser.Reader reader) throws Exception {
        ChunkEvents events = parse(chunk, reader);
        List<String> samples = new ArrayList<>();
        new TreeMap<>(events.threads()).forEach((thread, batch) -> {
            for (int i = 0; i < batch.sampleCount(); i++) {
                samples.add(thread + " " + batch.sampleTime(i) + " " + batch.weight(i));
            }
        });
        return samples;
    }

    private ChunkEvents parse(byte[] chunk, ChunkParser.Reader reader) throws Exception {
        return parse(chunk, reader, new StringIds());
    }

    private ChunkEvents parse(byte[] chunk, ChunkParser.Reader reader, StringIds names) throws Exception {
        Path file = folder.resolve("built.jfr");
        Files.write(file, chunk);
        RecordingFile recording = RecordingFile.scan(file, 1);
        return new ChunkParser(BY_TEXT, names, new StackTable(), new AtomicLong(), reader)
                .parse(new ByteArrayInputStream(chunk), recording, recording.chunks().get(0));
    }
}

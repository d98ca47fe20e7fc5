package io.allocrec.analyzer.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    /** Each thread's scopes as "thread 'name' start-end", read by one reader. */
    private List<String> scopes(byte[] chunk, ChunkParser.Reader reader) throws Exception {
        Path file = folder.resolve("built.jfr");
        Files.write(file, chunk);
        RecordingFile recording = RecordingFile.scan(file, 1);
        Names names = new Names();
        ChunkEvents events = new ChunkParser(BY_TEXT, names, new StackTable(), new AtomicLong(), reader)
                .parse(new ByteArrayInputStream(chunk), recording, recording.chunks().get(0));
        List<String> scopes = new ArrayList<>();
        events.threads().forEach((thread, batch) -> {
            for (int i = 0; i < batch.scopeCount(); i++) {
                scopes.add(thread + " '" + names.name(batch.nameId(i)) + "' " + batch.start(i) + "-" + batch.end(i));
            }
        });
        return scopes;
    }
}

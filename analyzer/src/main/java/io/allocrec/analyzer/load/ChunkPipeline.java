package io.allocrec.analyzer.load;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads the chunks of the recording files on several threads and hands them, parsed, to the
 * caller one by one in recording order. At most {@code threads} chunks are parsed or waiting at
 * once, so memory stays at a few chunks' worth whatever the size of the recording.
 *
 * <p>A plain file's chunks are read by the parsing threads straight from the file; a compressed
 * file's are unpacked in order by the calling thread.
 */
public final class ChunkPipeline {

    /** Receives each parsed chunk, in order, on the thread that called {@link #run}. */
    @FunctionalInterface
    public interface Consumer {
        void accept(ChunkEvents chunk) throws RecordingProblem;
    }

    private final ChunkParser parser;
    private final int threads;
    private final AtomicLong bytesRead;
    /** Start times of the chunks read (formats 1 and 2 give one): a chunk seen twice is read once. */
    private final Set<Long> seenChunkStarts = new HashSet<>();

    /**
     * @param bytesRead counts the bytes of chunks parsed so far, for a progress line
     */
    public ChunkPipeline(ScopeSelection selection, StringIds scopeNames, StackTable stacks, AtomicLong parsedEvents,
                         AtomicLong bytesRead, int threads) {
        this.parser = new ChunkParser(selection, scopeNames, stacks, parsedEvents);
        this.threads = threads;
        this.bytesRead = bytesRead;
    }

    public void run(List<RecordingFile> files, Consumer consumer) throws RecordingProblem {
        ExecutorService pool = Executors.newFixedThreadPool(threads, daemonThreads());
        seenChunkStarts.clear();
        Deque<Future<ChunkEvents>> inFlight = new ArrayDeque<>();
        try {
            for (RecordingFile file : files) {
                if (file.compressed()) {
                    submitCompressed(file, pool, inFlight, consumer);
                } else {
                    for (ChunkSpan chunk : file.chunks()) {
                        submit(pool, inFlight, consumer, file, chunk,
                                () -> new FileRegion(file.path(), chunk.offset(), chunk.size()));
                    }
                }
            }
            while (!inFlight.isEmpty()) {
                consumer.accept(next(inFlight));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void submitCompressed(RecordingFile file, ExecutorService pool, Deque<Future<ChunkEvents>> inFlight,
                                  Consumer consumer) throws RecordingProblem {
        try (InputStream in = file.open()) {
            for (ChunkSpan chunk : file.chunks()) {
                byte[] bytes = in.readNBytes((int) chunk.size());
                if (bytes.length != chunk.size()) {
                    throw ChunkHeaders.chunkProblem(file.path(), chunk.index(), chunk.offset(),
                            "ended early on a second reading: the file changed while it was read");
                }
                submit(pool, inFlight, consumer, file, chunk, () -> new ByteArrayInputStream(bytes));
            }
        } catch (IOException e) {
            throw ChunkHeaders.unreadable(file.path(), "cannot be read: " + e.getMessage());
        }
    }

    private interface Opener {
        InputStream open() throws IOException;
    }

    private void submit(ExecutorService pool, Deque<Future<ChunkEvents>> inFlight, Consumer consumer,
                        RecordingFile file, ChunkSpan chunk, Opener opener) throws RecordingProblem {
        // The same chunk in two files (a recording given twice, or dumps of one JFR repository
        // that overlap) would count its samples and scopes twice: JMC's loader reads it once too.
        if (chunk.startNanos() != 0 && !seenChunkStarts.add(chunk.startNanos())) {
            bytesRead.addAndGet(chunk.size());
            return;
        }
        while (inFlight.size() >= threads + 1) {
            consumer.accept(next(inFlight));
        }
        inFlight.add(pool.submit(() -> {
            InputStream bytes;
            try {
                bytes = opener.open();
            } catch (IOException e) {
                throw ChunkHeaders.unreadable(file.path(), "cannot be read: " + e.getMessage());
            }
            ChunkEvents events = parser.parse(bytes, file, chunk);
            bytesRead.addAndGet(chunk.size());
            return events;
        }));
    }

    private static ChunkEvents next(Deque<Future<ChunkEvents>> inFlight) throws RecordingProblem {
        try {
            return inFlight.poll().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the recording", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RecordingProblem problem) {
                throw problem;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(cause);
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "allocrec-parser-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}

package io.allocrec.analyzer.attribute;

import io.allocrec.analyzer.load.ChunkEvents;
import io.allocrec.analyzer.load.ThreadBatch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Attributes a recording's samples to its scopes chunk by chunk, in recording order: each thread
 * of each JVM has its own {@link ThreadSweep}, and each JVM its own collection pauses. A thread
 * is the same thread only within one JVM run: recordings of different JVMs never share one,
 * whatever their thread ids.
 *
 * <p>After each chunk of a JVM, its threads forget what is older than that chunk: scopes spanning
 * at most one chunk boundary are attributed exactly; longer ones keep true bounds.
 * Threads that ended, or did nothing for {@value #IDLE_CHUNKS} chunks, are settled and dropped,
 * so memory follows the threads alive at once, not all threads ever seen.
 */
public final class Attribution {

    static final int IDLE_CHUNKS = 4;

    private final SweepListener listener;
    private final CallCountEstimator estimator;
    private final Map<String, Jvm> jvms = new HashMap<>();
    private long chunks;

    private final int estimateEvery;
    private final BoundaryBudget boundaryBudget = new BoundaryBudget(BoundaryBudget.DEFAULT_LIMIT);

    /**
     * @param estimator     the per-name estimator to feed, or null for none
     * @param estimateEvery feed it every this many chunks of a JVM (1: all)
     */
    public Attribution(SweepListener listener, CallCountEstimator estimator, int estimateEvery) {
        this.listener = listener;
        this.estimator = estimator;
        this.estimateEvery = Math.max(1, estimateEvery);
    }

    /** One JVM's threads, pauses and recent chunk starts. */
    private static final class Jvm {
        final Map<String, ThreadSweep> threads = new HashMap<>();
        final Map<String, Long> threadStarts = new HashMap<>();
        final PauseTimeline pauses = new PauseTimeline();
        long chunks;

    }

    public void accept(ChunkEvents chunk) {
        long number = ++chunks;
        Jvm jvm = jvms.computeIfAbsent(chunk.jvm(), key -> new Jvm());
        jvm.chunks++;
        // What leaves the windows after this chunk is mostly the chunk before's.
        boolean estimate = fedToEstimator(jvm.chunks - 1) || jvm.chunks == 1;
        chunk.pauses().forEach(pause -> jvm.pauses.add(pause[0], pause[1]));
        jvm.threadStarts.putAll(chunk.threadStarts());
        for (Map.Entry<String, ThreadBatch> entry : chunk.threads().entrySet()) {
            String key = entry.getKey();
            ThreadSweep sweep = jvm.threads.computeIfAbsent(key,
                    k -> new ThreadSweep(entry.getValue().threadName(), jvm.threadStarts.remove(k), listener, estimator,
                            boundaryBudget));
            sweep.accept(entry.getValue(), jvm.pauses, number, fedToEstimator(jvm.chunks));
        }
        for (String ended : chunk.threadEnds()) {
            ThreadSweep sweep = jvm.threads.remove(ended);
            if (sweep != null) {
                sweep.finish(jvm.pauses);
            }
            jvm.threadStarts.remove(ended);
        }
        long horizon = chunk.startNanos();
        if (horizon != Long.MAX_VALUE) {
            Iterator<ThreadSweep> threads = jvm.threads.values().iterator();
            while (threads.hasNext()) {
                ThreadSweep sweep = threads.next();
                if (number - sweep.lastActivityChunk() >= IDLE_CHUNKS && sweep.isIdle()) {
                    sweep.finish(jvm.pauses);
                    threads.remove();
                } else {
                    sweep.forgetBefore(horizon, estimate);
                }
            }
            jvm.pauses.dropBefore(oldestNeeded(horizon));
        }
    }

    /** Whether the estimator takes a JVM's chunk number {@code chunk} (from 1). */
    private boolean fedToEstimator(long chunk) {
        return chunk >= 1 && (chunk - 1) % estimateEvery == 0;
    }

    /** A pause ending well before the window can no longer matter; a margin keeps the window's first interval. */
    private static long oldestNeeded(long horizon) {
        return horizon - 60_000_000_000L;
    }

    /** Settles every thread of every JVM: the recording has ended. */
    public void finish() {
        for (Jvm jvm : jvms.values()) {
            List<ThreadSweep> threads = new ArrayList<>(jvm.threads.values());
            for (ThreadSweep sweep : threads) {
                sweep.finish(jvm.pauses);
            }
            jvm.threads.clear();
        }
    }

    /** Threads currently followed, over all JVMs: for tests of memory bounds. */
    int liveThreads() {
        return jvms.values().stream().mapToInt(jvm -> jvm.threads.size()).sum();
    }
}

package io.allocrec.analyzer.load;

import java.util.concurrent.ConcurrentHashMap;

/**
 * How many samples and scopes each busy thread had in a chunk parsed earlier: its batch in the
 * next chunk starts at about that size. Grown by doubling and then trimmed, batches were half of
 * all a report allocated on a 200 MB recording, and their copies the collector's work. Shared by
 * the parsing threads; only threads with many events are kept, and only so many of them: a
 * recording may hold millions of short-lived virtual threads.
 */
final class BatchSizes {

    /** Fewer samples and scopes than this, and a batch grows from its small start cheaply enough. */
    static final int WORTH_KEEPING = 1024;
    private static final int MAX_THREADS = 4096;

    private final ConcurrentHashMap<String, int[]> byThread = new ConcurrentHashMap<>();

    /** The thread's samples and scopes in a chunk before; null when not known. */
    int[] of(String threadKey) {
        return byThread.get(threadKey);
    }

    void remember(String threadKey, int samples, int scopes) {
        if (samples + scopes < WORTH_KEEPING) {
            byThread.remove(threadKey);
        } else if (byThread.size() < MAX_THREADS || byThread.containsKey(threadKey)) {
            byThread.put(threadKey, new int[] {samples, scopes});
        }
    }
}

package io.allocrec.analyzer.load;

/**
 * A thread as one chunk's parser sees it: its key across chunks (see {@link ThreadKeys}), its
 * name, and its batches in this chunk, made when its first sample or scope arrives.
 */
final class ThreadIdentity {
    final String key;
    final String name;
    ThreadBatch batch;
    ThreadBatch tlabBatch;

    ThreadIdentity(String key, String name) {
        this.key = key;
        this.name = name;
    }
}

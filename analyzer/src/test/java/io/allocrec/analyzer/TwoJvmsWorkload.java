package io.allocrec.analyzer;

import io.allocrec.recorder.AllocationScope;

/**
 * Run in a JVM of its own by {@link TwoJvmsTest}: on its main thread (Java thread id 1 in every
 * JVM), either a scope that allocates much or one that waits, both over the same seconds.
 */
public final class TwoJvmsWorkload {

    static volatile byte[] sink;

    public static void main(String[] args) throws InterruptedException {
        boolean busy = args[0].equals("busy");
        allocate(8 << 20); // samples before the scope
        try (AllocationScope scope = AllocationScope.open(busy ? "busy" : "idle")) {
            long end = System.nanoTime() + 2_000_000_000L;
            while (System.nanoTime() < end) {
                if (busy) {
                    allocate(1 << 20);
                } else {
                    Thread.sleep(10);
                }
            }
        }
        allocate(8 << 20); // and after it
    }

    private static void allocate(long bytes) {
        for (long done = 0; done < bytes; done += 1040) {
            sink = new byte[1024];
        }
    }
}

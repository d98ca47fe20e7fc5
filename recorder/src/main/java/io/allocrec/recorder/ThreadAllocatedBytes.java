package io.allocrec.recorder;

import java.lang.management.ManagementFactory;

/**
 * The current thread's running total of allocated heap bytes, exact, from
 * {@link com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes()}.
 */
final class ThreadAllocatedBytes {

    private static final com.sun.management.ThreadMXBean THREADS = threadBean();

    private ThreadAllocatedBytes() {
    }

    /**
     * Bytes allocated so far by the current thread, or {@link ScenarioEvent#UNKNOWN} where the
     * JVM cannot say (measurement disabled, or a virtual thread on JDK 21+).
     */
    static long current() {
        if (THREADS == null) {
            return ScenarioEvent.UNKNOWN;
        }
        long bytes = THREADS.getCurrentThreadAllocatedBytes();
        return bytes < 0 ? ScenarioEvent.UNKNOWN : bytes;
    }

    /** Bytes allocated between two readings of {@link #current()}, or unknown if either was. */
    static long between(long begin, long end) {
        return begin < 0 || end < 0 ? ScenarioEvent.UNKNOWN : end - begin;
    }

    private static com.sun.management.ThreadMXBean threadBean() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean bean
                && bean.isThreadAllocatedMemorySupported()) {
            if (!bean.isThreadAllocatedMemoryEnabled()) {
                bean.setThreadAllocatedMemoryEnabled(true);
            }
            return bean;
        }
        return null;
    }
}

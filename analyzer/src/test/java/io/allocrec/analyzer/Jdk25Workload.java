package io.allocrec.analyzer;

import io.allocrec.recorder.AllocationScope;

/**
 * Run by {@link Jdk25RecordingTest} in a JDK 25 process: two methods traced by
 * {@code jdk.MethodTrace} (scoping with no code change), and allocrec scopes on a virtual thread,
 * where the JVM cannot count a thread's allocated bytes. Compiled for Java 17, so the virtual
 * thread is started by reflection.
 */
public final class Jdk25Workload {

    static final int CALLS = 300;
    static final int ORDER_ARRAYS = 256;
    static final int SEARCH_ARRAYS = 64;
    static final int VIRTUAL_JOBS = 5;
    static final int VIRTUAL_JOB_ARRAYS = 4 * 1024;

    private static volatile byte[] sink;

    private Jdk25Workload() {
    }

    public static void main(String[] args) throws Exception {
        for (int i = 0; i < CALLS; i++) {
            handleOrder();
            handleSearch();
        }
        Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
        Runnable jobs = () -> {
            for (int job = 0; job < VIRTUAL_JOBS; job++) {
                try (AllocationScope scope = AllocationScope.open("virtual-job")) {
                    allocate(VIRTUAL_JOB_ARRAYS);
                }
            }
            allocate(VIRTUAL_JOB_ARRAYS); // a last TLAB's worth, so the jobs' bytes all reach a sample
        };
        Thread virtual = (Thread) Class.forName("java.lang.Thread$Builder").getMethod("start", Runnable.class)
                .invoke(builder, jobs);
        virtual.join();
        allocate(VIRTUAL_JOB_ARRAYS);
    }

    static void handleOrder() {
        allocate(ORDER_ARRAYS);
    }

    static void handleSearch() {
        allocate(SEARCH_ARRAYS);
    }

    /** Allocates {@code count} arrays of 1,000 bytes (1,016 with their header). */
    static void allocate(int count) {
        for (int i = 0; i < count; i++) {
            sink = new byte[1000];
        }
    }
}

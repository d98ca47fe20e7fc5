package io.allocrec.benchmarks;

import io.allocrec.recorder.AllocationScope;
import java.util.ArrayList;
import java.util.List;

/**
 * Workloads that stress what a report must hold at once, run under JFR by {@code scale.sh}:
 * <ul>
 * <li>{@code scopes N}: N short allocrec scopes (a dozen names) on four platform threads, the
 *     shape of a busy service (about two million in 20 s);
 * <li>{@code virtual N}: N virtual threads at once (JDK 21 on), each calling a method that
 *     {@code jdk.MethodTrace} traces (JDK 25), so the report follows N threads and their scopes.
 * </ul>
 * Compiled for Java 17: virtual threads are started by reflection.
 */
public final class ScaleWorkload {

    private static final String[] NAMES = {"GET /a", "GET /b", "GET /c", "POST /d", "GET /e", "GET /f", "PUT /g",
        "GET /h", "DELETE /i", "GET /j", "GET /k", "POST /l"};
    static volatile Object sink;

    private ScaleWorkload() {
    }

    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args[1]);
        switch (args[0]) {
            case "scopes" -> scopes(count);
            case "virtual" -> virtualThreads(count);
            default -> throw new IllegalArgumentException("scopes N | virtual N");
        }
    }

    private static void scopes(int count) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int first = t;
            threads.add(new Thread(() -> {
                for (int i = first; i < count; i += 4) {
                    try (AllocationScope scope = AllocationScope.open(NAMES[i % NAMES.length])) {
                        work(1 + i % 7);
                    }
                }
            }, "worker-" + t));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
    }

    private static void virtualThreads(int count) throws Exception {
        Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
        java.lang.reflect.Method start = Class.forName("java.lang.Thread$Builder").getMethod("start", Runnable.class);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            threads.add((Thread) start.invoke(builder, (Runnable) () -> {
                for (int call = 0; call < 20; call++) {
                    handle(call);
                    Thread.yield();
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
    }

    /** The method jdk.MethodTrace traces in the virtual-thread workload. */
    static void handle(int call) {
        work(8 + call % 8);
    }

    private static void work(int kilobytes) {
        for (int i = 0; i < kilobytes; i++) {
            sink = new byte[1000];
        }
    }
}

package io.allocrec.benchmarks.estimate;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import one.profiler.AsyncProfiler;

/**
 * Runs one workload of the estimator's evaluation in this JVM and writes the truth: per operation
 * name, its calls and the exact bytes they allocated, from the thread's own allocation counter read
 * right after the scope begins and right before it ends (nothing is allocated between those reads
 * and the scope's edges). The JVM is recorded by {@code -XX:StartFlightRecording}, or, for the
 * async-profiler workload, by async-profiler started here.
 *
 * <p>{@code EstimateWorkload WORKLOAD SEED SECONDS TRUTH_CSV [ASYNC_PROFILER_JFR]}
 */
public final class EstimateWorkload {

    private static final com.sun.management.ThreadMXBean COUNTER =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private EstimateWorkload() {
    }

    public static void main(String[] args) throws Exception {
        Workload workload = Workload.named(args[0]);
        long seed = Long.parseLong(args[1]);
        long nanos = (long) (Double.parseDouble(args[2]) * 1e9);
        Path truth = Path.of(args[3]);
        AsyncProfiler profiler = null;
        if (workload.byAsyncProfiler()) {
            profiler = AsyncProfiler.getInstance();
            profiler.execute("start,event=alloc,jfr,file=" + args[4]);
        }
        long[][] bytes = new long[workload.threads()][Operations.NAMES.length];
        long[][] calls = new long[workload.threads()][Operations.NAMES.length];
        run(workload, seed, nanos, bytes, calls);
        if (profiler != null) {
            profiler.execute("stop");
        }
        write(truth, bytes, calls);
    }

    private static void run(Workload workload, long seed, long nanos, long[][] bytes, long[][] calls)
            throws InterruptedException {
        double[] frequencies = workload.frequencies(seed);
        long deadline = System.nanoTime() + nanos;
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < workload.threads(); t++) {
            int thread = t;
            SplittableRandom random = new SplittableRandom(seed * 1_000 + t);
            threads.add(new Thread(() -> {
                ScopeMarker marker = workload.newMarker();
                while (System.nanoTime() < deadline) {
                    int operation = pick(frequencies, random);
                    marker.begin();
                    long before = COUNTER.getCurrentThreadAllocatedBytes();
                    Operations.run(operation, random, workload.scale());
                    long after = COUNTER.getCurrentThreadAllocatedBytes();
                    marker.end(Operations.NAMES[operation]);
                    bytes[thread][operation] += after - before;
                    calls[thread][operation]++;
                    Operations.sink = new byte[random.nextInt(0, 256)]; // a little outside every scope
                }
                Operations.sink = new byte[4 << 20]; // samples after the last scope
            }, "worker-" + t));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
    }

    private static int pick(double[] frequencies, SplittableRandom random) {
        double total = 0;
        for (double frequency : frequencies) {
            total += frequency;
        }
        double at = random.nextDouble(total);
        for (int i = 0; i < frequencies.length; i++) {
            at -= frequencies[i];
            if (at < 0 && frequencies[i] > 0) {
                return i;
            }
        }
        return frequencies.length - 1;
    }

    private static void write(Path truth, long[][] bytes, long[][] calls) throws IOException {
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(truth))) {
            out.println("name,calls,exact_bytes");
            for (int op = 0; op < Operations.NAMES.length; op++) {
                long nameCalls = 0;
                long nameBytes = 0;
                for (int t = 0; t < bytes.length; t++) {
                    nameCalls += calls[t][op];
                    nameBytes += bytes[t][op];
                }
                if (nameCalls > 0) {
                    out.println(Operations.NAMES[op] + "," + nameCalls + "," + nameBytes);
                }
            }
        }
    }
}

package io.allocrec.benchmarks;

import java.util.SplittableRandom;

/**
 * Makes the many-scopes recording of converter-ratio.sh: shallow stacks and very short
 * {@code bench.Endpoint} events (a step of a batch job, each allocating a few hundred bytes), so
 * that there are many more scopes than samples (with 2 KB TLABs, about one sample per 20 steps)
 * and the attribution's scope bookkeeping, not the stacks, is most of the work.
 *
 * <p>Arguments: {@code [SIZE_MB [THREADS]]}, default 200 MB and 3 threads, with the options of
 * {@link ProductionLikeRecording} ({@code -XX:TLABSize=2k -XX:-ResizeTLAB -XX:+UseParallelGC}).
 */
public final class ManyScopesRecording {

    /** Steps that make one MB of recording, with the options above. */
    static final int STEPS_PER_MB = 44_000;

    private static final String[] NAMES = {
        "parse", "validate", "enrich", "price", "tax", "route", "persist", "notify"
    };

    private static volatile Object sink;

    private ManyScopesRecording() {
    }

    public static void main(String[] args) throws InterruptedException {
        int sizeMb = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        long steps = (long) sizeMb * STEPS_PER_MB;
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            SplittableRandom random = new SplittableRandom(t);
            workers[t] = new Thread(() -> run(random, steps / threads), "batch-worker-" + t);
            workers[t].start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
    }

    private static void run(SplittableRandom random, long steps) {
        for (long i = 0; i < steps; i++) {
            EndpointEvent event = new EndpointEvent();
            event.name = NAMES[random.nextInt(NAMES.length)];
            event.begin();
            sink = random.nextBoolean() ? new long[4 + random.nextInt(24)] : Long.toString(random.nextLong());
            event.commit();
        }
    }
}

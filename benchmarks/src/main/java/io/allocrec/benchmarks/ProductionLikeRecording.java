package io.allocrec.benchmarks;

import java.util.SplittableRandom;

/**
 * Makes the production-like recording of production-like.sh: a shop service's ten endpoints
 * ({@link ShopService}) served by several threads, each request a {@code bench.Endpoint} event
 * (some with inner {@code db} and {@code cache} events), allocating different mixes under call
 * stacks of 10 to 60 frames, while JFR records unthrottled allocation samples with stack traces.
 *
 * <p>Arguments: {@code [SIZE_MB [THREADS]]}, default 350 MB and 3 threads. The size is turned
 * into a number of requests with {@link #REQUESTS_PER_MB}, measured with small fixed TLABs
 * ({@code -XX:TLABSize=2k -XX:-ResizeTLAB -XX:+UseParallelGC}) and profiles/allocation.jfc; the
 * file comes within some percent of it. The requests are seeded, so the work is the same on
 * every run; the samples (one per TLAB refill) vary a little with GC timing.
 */
public final class ProductionLikeRecording {

    /** Requests that make one MB of recording, with the options above. */
    static final int REQUESTS_PER_MB = 800;

    private ProductionLikeRecording() {
    }

    public static void main(String[] args) throws InterruptedException {
        int sizeMb = args.length > 0 ? Integer.parseInt(args[0]) : 350;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        long requests = (long) sizeMb * REQUESTS_PER_MB;
        long started = System.nanoTime();
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            SplittableRandom random = new SplittableRandom(t);
            workers[t] = new Thread(() -> ShopService.serve(random, requests / threads), "http-worker-" + t);
            workers[t].start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        System.out.printf("%,d requests on %d threads in %.0f s%n", requests, threads, (System.nanoTime() - started) / 1e9);
    }
}

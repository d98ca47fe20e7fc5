package io.allocrec.benchmarks;

import java.util.SplittableRandom;

/**
 * Makes the deep-stack recording of converter-ratio.sh: twelve endpoints, each request one
 * {@code bench.Endpoint} event (no nesting), whose allocations are made under a call stack of a
 * depth drawn anew for each request between 10 and 60 frames, so that the stack-trace pool is
 * large and most samples carry long stacks. The opposite of {@link ManyScopesRecording}.
 *
 * <p>Arguments: {@code [SIZE_MB [THREADS]]}, default 200 MB and 3 threads, with the options of
 * {@link ProductionLikeRecording} ({@code -XX:TLABSize=2k -XX:-ResizeTLAB -XX:+UseParallelGC}).
 */
public final class DeepStackRecording {

    /** Requests that make one MB of recording, with the options above. */
    static final int REQUESTS_PER_MB = 1_450;

    private static final String[] NAMES = {
        "GET /accounts", "GET /accounts/{id}", "POST /accounts", "GET /invoices", "GET /invoices/{id}",
        "POST /invoices", "GET /payments", "POST /payments", "GET /statements", "POST /transfers",
        "GET /rates", "POST /batch"
    };
    private static final int MIN_FRAMES = 10;
    private static final int MAX_FRAMES = 60;
    private static final AllocationMix MIX = new AllocationMix(3, 3, 1, 2, 0);

    private DeepStackRecording() {
    }

    public static void main(String[] args) throws InterruptedException {
        int sizeMb = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        long requests = (long) sizeMb * REQUESTS_PER_MB;
        CallPath[] paths = new CallPath[NAMES.length];
        for (int i = 0; i < paths.length; i++) {
            paths[i] = new CallPath(NAMES[i].hashCode(), MAX_FRAMES);
        }
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            SplittableRandom random = new SplittableRandom(t);
            workers[t] = new Thread(() -> serve(random, paths, requests / threads), "rpc-worker-" + t);
            workers[t].start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
    }

    private static void serve(SplittableRandom random, CallPath[] paths, long requests) {
        for (long i = 0; i < requests; i++) {
            int endpoint = random.nextInt(NAMES.length);
            EndpointEvent event = new EndpointEvent();
            event.name = NAMES[endpoint];
            event.begin();
            int frames = MIN_FRAMES + random.nextInt(MAX_FRAMES - MIN_FRAMES + 1);
            paths[endpoint].run(frames, () -> MIX.allocate(random, 8 + random.nextInt(40)));
            event.commit();
        }
    }
}

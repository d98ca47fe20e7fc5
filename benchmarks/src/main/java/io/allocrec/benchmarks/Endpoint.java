package io.allocrec.benchmarks;

import java.util.List;
import java.util.SplittableRandom;

/**
 * One endpoint of the production-like service (or one inner call, such as a database query):
 * a request allocates {@code units} of its mix under its own call path, half before and half
 * after its inner calls, all inside one {@code bench.Endpoint} event.
 *
 * @param name     the event's name field: "GET /orders", or "db" for an inner call
 * @param traffic  relative share of requests; 0 for an inner call, never requested directly
 * @param path     the call stack the allocations are made under
 * @param units    allocation units (about 2 KB each) per request
 * @param mix      what the units are
 * @param calls    inner calls made in the middle of each request, each an event of its own
 */
record Endpoint(String name, int traffic, CallPath path, int units, AllocationMix mix, List<Endpoint> calls) {

    /** Handles one request, on the calling thread. */
    void handle(SplittableRandom random) {
        EndpointEvent event = new EndpointEvent();
        event.name = name;
        event.begin();
        // Up to 3 frames fewer now and then, as when a filter or a proxy is skipped, so that one
        // endpoint has a few stack shapes rather than one.
        int frames = path.frames() - random.nextInt(4);
        path.run(frames, () -> {
            mix.allocate(random, units / 2);
            for (Endpoint call : calls) {
                call.handle(random);
            }
            mix.allocate(random, units - units / 2);
        });
        event.commit();
    }
}

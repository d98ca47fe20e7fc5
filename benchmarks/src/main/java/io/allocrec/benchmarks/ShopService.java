package io.allocrec.benchmarks;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The production-like service: ten endpoints of an imaginary shop, with different traffic,
 * stack depths (about 10 to 60 frames at the allocation sites) and allocation mixes; three of
 * them make inner {@code db} or {@code cache} calls (nested events). About 3 requests in 100 are
 * housekeeping outside any endpoint event, as a scheduler or a metrics exporter would be.
 */
final class ShopService {

    private static final int HOUSEKEEPING_PER_100 = 3;

    private static final Endpoint DB =
        new Endpoint("db", 0, new CallPath(101, 12), 20, new AllocationMix(4, 1, 1, 4, 0), List.of());
    private static final Endpoint CACHE =
        new Endpoint("cache", 0, new CallPath(102, 6), 8, new AllocationMix(1, 4, 2, 1, 0), List.of());

    // Weights of the mix: small objects, strings, arrays, collections; then one large array in N units.
    private static final List<Endpoint> ENDPOINTS = List.of(
        endpoint("GET /orders", 20, 24, 60, new AllocationMix(4, 2, 1, 3, 0), DB, CACHE),
        endpoint("GET /orders/{id}", 15, 8, 25, new AllocationMix(3, 3, 1, 1, 0), DB),
        endpoint("POST /orders", 8, 26, 80, new AllocationMix(3, 2, 2, 3, 0), DB),
        endpoint("GET /products", 18, 12, 40, new AllocationMix(2, 3, 1, 2, 0), CACHE),
        endpoint("GET /products/search", 10, 44, 120, new AllocationMix(1, 4, 1, 4, 0)),
        endpoint("POST /cart/items", 8, 36, 30, new AllocationMix(4, 1, 0, 2, 0)),
        endpoint("POST /checkout", 4, 28, 150, new AllocationMix(3, 3, 2, 2, 400)),
        endpoint("POST /login", 3, 20, 35, new AllocationMix(1, 5, 3, 0, 0)),
        endpoint("GET /health", 2, 4, 3, new AllocationMix(1, 1, 0, 0, 0)),
        endpoint("GET /reports/daily", 1, 44, 400, new AllocationMix(1, 1, 3, 1, 100)));

    private static final int TOTAL_TRAFFIC = ENDPOINTS.stream().mapToInt(Endpoint::traffic).sum();

    private static final CallPath HOUSEKEEPING_PATH = new CallPath(103, 8);
    private static final AllocationMix HOUSEKEEPING_MIX = new AllocationMix(1, 1, 1, 1, 0);

    private ShopService() {
    }

    /** Serves {@code requests} requests on the calling thread, each endpoint picked by its traffic. */
    static void serve(SplittableRandom random, long requests) {
        for (long i = 0; i < requests; i++) {
            if (random.nextInt(100) < HOUSEKEEPING_PER_100) {
                HOUSEKEEPING_PATH.run(HOUSEKEEPING_PATH.frames(), () -> HOUSEKEEPING_MIX.allocate(random, 30));
            } else {
                pick(random).handle(random);
            }
        }
    }

    private static Endpoint pick(SplittableRandom random) {
        int ticket = random.nextInt(TOTAL_TRAFFIC);
        for (Endpoint endpoint : ENDPOINTS) {
            ticket -= endpoint.traffic();
            if (ticket < 0) {
                return endpoint;
            }
        }
        throw new AssertionError("traffic adds up to " + TOTAL_TRAFFIC);
    }

    private static Endpoint endpoint(String name, int traffic, int frames, int units, AllocationMix mix,
                                     Endpoint... calls) {
        return new Endpoint(name, traffic, new CallPath(name.hashCode(), frames), units, mix, List.of(calls));
    }
}

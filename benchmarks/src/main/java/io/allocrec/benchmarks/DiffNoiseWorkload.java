package io.allocrec.benchmarks;

import io.allocrec.recorder.AllocationScope;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A service-like workload for measuring {@code allocrec diff}'s noise, run by {@code diff-noise.sh}
 * in fresh JVMs: six operations, each an allocrec scope, whose allocation varies from call to call
 * as real requests do (random sizes, collections that grow, strings), on two threads.
 *
 * <p>{@code DiffNoiseWorkload CALLS SEED [NAME PERCENT]}: CALLS calls of each operation; the seed
 * differs between runs, as two runs of a service see different requests; NAME PERCENT makes one
 * operation allocate that many percent more per call (an extra array of that share of its mean),
 * a real change of known size for the detection limit.
 */
public final class DiffNoiseWorkload {

    static final String[] NAMES = {"parse-order", "price-cart", "search", "render-page", "audit-log", "session"};
    /** Mean bytes per call of each operation, measured once (for the extra array of an inflated run). */
    private static final long[] MEAN_BYTES = {1_523, 6_125, 7_526, 30_289, 1_694, 2_358};
    static volatile Object sink;

    private DiffNoiseWorkload() {
    }

    public static void main(String[] args) throws InterruptedException {
        int calls = Integer.parseInt(args[0]);
        long seed = Long.parseLong(args[1]);
        String inflated = args.length > 2 ? args[2] : "";
        double percent = args.length > 3 ? Double.parseDouble(args[3]) : 0;
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            SplittableRandom random = new SplittableRandom(seed * 31 + t);
            threads.add(new Thread(() -> {
                for (int i = 0; i < calls / 2; i++) {
                    for (int op = 0; op < NAMES.length; op++) {
                        int extra = NAMES[op].equals(inflated) ? (int) Math.round(MEAN_BYTES[op] * percent / 100) : 0;
                        try (AllocationScope scope = AllocationScope.open(NAMES[op])) {
                            sink = operation(op, random);
                            if (extra > 0) {
                                sink = new byte[Math.max(0, extra - 16)]; // 16: the array's header
                            }
                        }
                    }
                }
            }, "worker-" + t));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
    }

    private static Object operation(int op, SplittableRandom random) {
        return switch (op) {
            case 0 -> {
                List<long[]> lines = new ArrayList<>();
                for (int i = random.nextInt(5, 60); i > 0; i--) {
                    lines.add(new long[] {random.nextLong(), random.nextInt(100)});
                }
                yield lines;
            }
            case 1 -> {
                Map<Integer, Double> prices = new HashMap<>();
                for (int i = random.nextInt(20, 120); i > 0; i--) {
                    prices.put(random.nextInt(10_000), random.nextDouble());
                }
                yield prices;
            }
            case 2 -> {
                List<String> hits = new ArrayList<>();
                for (int i = random.nextInt(10, 200); i > 0; i--) {
                    hits.add("product-" + random.nextInt(1_000_000));
                }
                yield hits;
            }
            case 3 -> {
                StringBuilder page = new StringBuilder();
                for (int i = random.nextInt(100, 700); i > 0; i--) {
                    page.append("<li>").append(random.nextInt()).append("</li>");
                }
                yield page.toString();
            }
            case 4 -> String.format("user=%d action=%s at=%d", random.nextInt(), "checkout", System.nanoTime());
            default -> {
                Map<String, Object> session = new HashMap<>();
                for (int i = random.nextInt(2, 30); i > 0; i--) {
                    session.put("k" + i, new byte[random.nextInt(8, 64)]);
                }
                yield session;
            }
        };
    }
}

package io.allocrec.benchmarks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * What one endpoint allocates: a weighted mix of four kinds of allocation, each at a site
 * (method) of its own so that the top frames differ, about 2 KB a unit, and now and then one
 * large array, which a JVM allocates outside any TLAB and samples with a large weight.
 */
final class AllocationMix {

    /** One domain object, the kind of thing an ORM or a JSON parser makes by the thousand. */
    private record LineItem(long id, int quantity, double price) {
    }

    private static volatile Object sink;

    private final int smallObjects;
    private final int strings;
    private final int arrays;
    private final int collections;
    private final int largeArrayOneIn;

    /**
     * Weights of the four kinds (relative), and how rarely a unit is a large array instead:
     * one unit in {@code largeArrayOneIn}, never when it is 0.
     */
    AllocationMix(int smallObjects, int strings, int arrays, int collections, int largeArrayOneIn) {
        this.smallObjects = smallObjects;
        this.strings = strings;
        this.arrays = arrays;
        this.collections = collections;
        this.largeArrayOneIn = largeArrayOneIn;
    }

    /** Allocates {@code units} units of the mix, each kept reachable until the next. */
    void allocate(SplittableRandom random, int units) {
        int total = smallObjects + strings + arrays + collections;
        for (int i = 0; i < units; i++) {
            if (largeArrayOneIn > 0 && random.nextInt(largeArrayOneIn) == 0) {
                sink = largeArray(random);
                continue;
            }
            int pick = random.nextInt(total);
            if (pick < smallObjects) {
                sink = smallObjects(random);
            } else if (pick < smallObjects + strings) {
                sink = strings(random);
            } else if (pick < smallObjects + strings + arrays) {
                sink = arrays(random);
            } else {
                sink = collections(random);
            }
        }
    }

    private static Object smallObjects(SplittableRandom random) {
        LineItem[] items = new LineItem[32];
        for (int i = 0; i < items.length; i++) {
            items[i] = new LineItem(random.nextLong(), random.nextInt(10), random.nextDouble());
        }
        return items;
    }

    private static Object strings(SplittableRandom random) {
        StringBuilder json = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            json.append("{\"sku\":\"SKU-").append(Long.toHexString(random.nextLong())).append("\"},");
        }
        return json.toString().toUpperCase();
    }

    private static Object arrays(SplittableRandom random) {
        return random.nextBoolean() ? new long[64 + random.nextInt(256)] : new char[128 + random.nextInt(1024)];
    }

    private static Object collections(SplittableRandom random) {
        List<Integer> ids = new ArrayList<>();
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 24; i++) {
            int id = 1_000 + random.nextInt(1_000_000);
            ids.add(id);
            counts.merge("k" + (id % 16), 1, Integer::sum);
        }
        return List.of(ids, counts);
    }

    private static Object largeArray(SplittableRandom random) {
        return new byte[(1 + random.nextInt(8)) << 20];
    }
}

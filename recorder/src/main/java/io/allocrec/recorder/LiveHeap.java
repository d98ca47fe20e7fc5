package io.allocrec.recorder;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;

/**
 * Bytes of live objects on the heap, read right after a full garbage collection.
 *
 * <p>It sums each heap pool's usage <em>after its last collection</em>
 * ({@link MemoryPoolMXBean#getCollectionUsage()}), not its current usage: the current usage of
 * the young generation includes whole TLABs handed out since the collection, which would add
 * hundreds of kilobytes of noise to every reading.
 *
 * <p>Measured against JOL: exact with the Parallel collector ({@code -XX:+UseParallelGC}); about
 * 0.5% high with G1; wrong with Serial, whose full collection can leave live objects in a young
 * space whose after-collection usage it reports as zero. Use the Parallel collector.
 */
public final class LiveHeap {

    private static final List<MemoryPoolMXBean> HEAP_POOLS = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP)
            .toList();

    private LiveHeap() {
    }

    /**
     * Runs a full collection and returns the live bytes it left. One collection is enough for
     * plain objects (no finalizers or reference queues); callers that need certainty repeat the
     * whole measurement and compare, as {@link AllocationTracker} does.
     *
     * @return bytes in use in the heap's pools after their last collection
     */
    public static long afterFullCollection() {
        System.gc();
        return collectionUsage();
    }

    private static long collectionUsage() {
        long used = 0;
        for (MemoryPoolMXBean pool : HEAP_POOLS) {
            MemoryUsage usage = pool.getCollectionUsage();
            if (usage != null) {
                used += usage.getUsed();
            }
        }
        return used;
    }
}

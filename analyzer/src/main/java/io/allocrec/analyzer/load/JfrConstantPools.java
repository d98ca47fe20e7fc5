package io.allocrec.analyzer.load;

import java.util.HashMap;
import java.util.Map;

/**
 * Where each constant of a chunk's pools is written: per pooled type, pool id to the offset of
 * its value. Values are read only when an event refers to them, so a chunk's thousands of stack
 * traces cost an offset each until used.
 *
 * <p>The checkpoint events that hold the pools form a chain from the header's constant pool
 * offset, each pointing back at the one before. As JMC does, the first value met for an id wins,
 * and the chain is walked from the last checkpoint. A chain that does not lead backwards is damage
 * ({@link DamagedChunk}).
 */
final class JfrConstantPools {

    private static final long CHECKPOINT_TYPE = 1;

    private final Map<JfrMetadata.Type, LongIntMap> offsets = new HashMap<>();

    /**
     * @param firstDelta the header's constant pool offset: 0 when the chunk has no pools
     * @param chunkSize  the chunk's size, which bounds the chain
     */
    static JfrConstantPools read(JfrInput in, JfrMetadata metadata, long firstDelta, int chunkSize) {
        JfrConstantPools pools = new JfrConstantPools();
        long offset = 0;
        long delta = firstDelta;
        while (delta != 0) {
            long previous = offset;
            offset += delta;
            if (offset < ChunkHeaders.HEADER_BYTES || offset >= chunkSize) {
                throw new DamagedChunk("its constant pool chain leaves the chunk");
            }
            if (previous != 0 && offset >= previous) {
                // The JDK chains each checkpoint to an earlier one; a chain that turns back could
                // loop for ever (JMC's parser would), so it is damage, not a chunk to hand on.
                throw new DamagedChunk("its constant pool chain loops");
            }
            in.seek((int) offset);
            in.varlong(); // size
            if (in.varlong() != CHECKPOINT_TYPE) {
                throw new IllegalStateException("the constant pool chain points at an event that is no checkpoint");
            }
            in.varlong(); // start
            in.varlong(); // duration
            delta = in.varlong();
            in.readByte(); // flush or checkpoint kind
            int poolCount = in.count();
            for (int i = 0; i < poolCount; i++) {
                JfrMetadata.Type type = metadata.type(in.varlong());
                LongIntMap ids = pools.offsets.computeIfAbsent(type, t -> new LongIntMap(64));
                int count = in.count();
                for (int j = 0; j < count; j++) {
                    long id = in.varlong();
                    if (id != Long.MIN_VALUE && ids.get(id, -1) < 0) {
                        ids.put(id, in.position());
                    }
                    JfrMetadata.skipValue(in, type, 0);
                }
            }
        }
        return pools;
    }

    /** Where the value of a pool entry is, or -1 when the chunk's pools do not have it. */
    int offset(JfrMetadata.Type type, long id) {
        LongIntMap ids = type == null || id == Long.MIN_VALUE ? null : offsets.get(type);
        return ids == null ? -1 : ids.get(id, -1);
    }
}

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
 * and the chain is walked from the last checkpoint. A chain that does not lead backwards, or a
 * checkpoint whose entries do not end where its size says, is damage ({@link DamagedChunk}).
 */
final class JfrConstantPools {

    private static final long CHECKPOINT_TYPE = 1;
    private static final String CHECKPOINT = "a constant pool (checkpoint event)";

    private final Map<JfrMetadata.Type, Pool> pools = new HashMap<>();

    /** One type's entries: pool id to offset, and the least and greatest id. */
    private static final class Pool {
        final LongIntMap offsets = new LongIntMap(64);
        long leastId = Long.MAX_VALUE;
        long greatestId = Long.MIN_VALUE;
    }

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
            delta = pools.readCheckpoint(in, metadata, (int) offset, chunkSize);
        }
        return pools;
    }

    /**
     * Notes where the entries of the checkpoint at {@code offset} are, and checks that they end
     * exactly where its size says, as the JDK's reader does: zeroed or changed bytes inside a pool
     * otherwise read as other entries, and the stacks and classes they hid are lost in silence.
     *
     * @return the delta to the checkpoint before it (0 for the first)
     */
    private long readCheckpoint(JfrInput in, JfrMetadata metadata, int offset, int chunkSize) {
        in.seek(offset);
        long size = in.varlong();
        if (size <= 0 || size > chunkSize - offset) {
            throw new DamagedChunk(CHECKPOINT, offset, "whose size of " + DamagedChunk.bytes(size) + " does not fit the chunk");
        }
        int end = offset + (int) size;
        JfrInput checkpoint = in.upTo(end);
        long delta;
        try {
            if (checkpoint.varlong() != CHECKPOINT_TYPE) {
                throw new IllegalStateException("the constant pool chain points at an event that is no checkpoint");
            }
            checkpoint.varlong(); // start
            checkpoint.varlong(); // duration
            delta = checkpoint.varlong();
            checkpoint.readByte(); // flush or checkpoint kind
            int poolCount = checkpoint.count();
            for (int i = 0; i < poolCount; i++) {
                readPool(checkpoint, metadata, offset);
            }
        } catch (IndexOutOfBoundsException e) {
            throw new DamagedChunk(CHECKPOINT, offset, "whose entries run past its size of " + DamagedChunk.bytes(size));
        }
        if (checkpoint.position() != end) {
            throw new DamagedChunk(CHECKPOINT, offset, "whose entries end " + DamagedChunk.bytes(end - checkpoint.position())
                    + " before its size of " + DamagedChunk.bytes(size) + " says");
        }
        return delta;
    }

    private void readPool(JfrInput checkpoint, JfrMetadata metadata, int offset) {
        long typeId = checkpoint.varlong();
        JfrMetadata.Type type = metadata.typeOrNull(typeId);
        if (type == null) {
            throw new DamagedChunk(CHECKPOINT, offset, "with a pool of type " + typeId + ", which the metadata does not declare");
        }
        Pool pool = pools.computeIfAbsent(type, t -> new Pool());
        LongIntMap ids = pool.offsets;
        int count = checkpoint.count();
        for (int j = 0; j < count; j++) {
            long id = checkpoint.varlong();
            if (id != Long.MIN_VALUE && ids.get(id, -1) < 0) {
                ids.put(id, checkpoint.position());
                pool.leastId = Math.min(pool.leastId, id);
                pool.greatestId = Math.max(pool.greatestId, id);
            }
            try {
                JfrMetadata.skipValue(checkpoint, type, 0);
            } catch (IllegalStateException e) { // an unknown string encoding, say
                throw new DamagedChunk(CHECKPOINT, offset, "with an entry of " + type.name + " that cannot be read ("
                        + e.getMessage() + ")");
            }
        }
    }

    /** How many entries the chunk's pools hold of a type. */
    int count(JfrMetadata.Type type) {
        Pool pool = type == null ? null : pools.get(type);
        return pool == null ? 0 : pool.offsets.size();
    }

    /** The least id of a type's entries; {@link Long#MAX_VALUE} when the pools hold none. */
    long leastId(JfrMetadata.Type type) {
        Pool pool = type == null ? null : pools.get(type);
        return pool == null ? Long.MAX_VALUE : pool.leastId;
    }

    /** The greatest id of a type's entries; {@link Long#MIN_VALUE} when the pools hold none. */
    long greatestId(JfrMetadata.Type type) {
        Pool pool = type == null ? null : pools.get(type);
        return pool == null ? Long.MIN_VALUE : pool.greatestId;
    }

    /** Where the value of a pool entry is, or -1 when the chunk's pools do not have it. */
    int offset(JfrMetadata.Type type, long id) {
        Pool pool = type == null || id == Long.MIN_VALUE ? null : pools.get(type);
        return pool == null ? -1 : pool.offsets.get(id, -1);
    }
}

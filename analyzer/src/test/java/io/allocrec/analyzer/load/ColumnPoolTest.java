package io.allocrec.analyzer.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ColumnPoolTest {

    @Test
    void givesBackTheShortestFittingArrayAndNoneFarLonger() {
        ColumnPool pool = new ColumnPool();
        long[] short1 = new long[5_000];
        long[] long1 = new long[40_000];
        pool.give(long1);
        pool.give(short1);
        assertEquals(8L * 45_000, pool.bytes());

        assertSame(short1, pool.longs(4_000), "the shortest that fits");
        long[] fresh = pool.longs(8_000);
        assertNotSame(long1, fresh, "a batch of 8,000 does not take one of 40,000, which a larger batch will want");
        assertEquals(8_000, fresh.length);
        assertSame(long1, pool.longs(30_000));
        assertEquals(0, pool.bytes());
    }

    @Test
    void keepsNeitherSmallArraysNorMoreThanItsBound() {
        ColumnPool pool = new ColumnPool();
        pool.give(new int[ColumnPool.MIN_LENGTH - 1]);
        assertEquals(0, pool.bytes(), "a short-lived thread's small batch dies young instead");

        int length = 1 << 20;
        long kept = 0;
        for (int i = 0; i < ColumnPool.MAX_BYTES / (8L * length) + 4; i++) {
            pool.give(new long[length]);
            kept = pool.bytes();
        }
        assertEquals(ColumnPool.MAX_BYTES, kept);
    }

    /** A pooled column may be longer than asked: the batch must grow by its shortest column, not its first. */
    @Test
    void aBatchOfColumnsOfUnequalLengthsKeepsEverySample() {
        ColumnPool pool = new ColumnPool();
        pool.give(new long[3_000]); // the times', longer than the others
        ThreadBatch batch = new ThreadBatch("t", 1_500, 0, pool);
        for (int i = 0; i < 10_000; i++) {
            batch.addSample(10_000 - i, i, i % 7); // descending: sort() permutes through the pool too
        }
        batch.sort();
        assertEquals(10_000, batch.sampleCount());
        for (int i = 0; i < 10_000; i++) {
            assertEquals(i + 1, batch.sampleTime(i));
            assertEquals(9_999 - i, batch.weight(i));
            assertEquals((9_999 - i) % 7, batch.key(i));
        }
    }

    @Test
    void aReleasedBatchGoesBackAndCannotBeReadAgain() {
        ColumnPool pool = new ColumnPool();
        ThreadBatch batch = new ThreadBatch("t", 4_000, 2_000, pool);
        batch.addSample(1, 2, 3);
        batch.addScope(0, 1, 2, 0, 0, ThreadBatch.UNKNOWN, ThreadBatch.UNKNOWN);
        batch.release();
        assertTrue(pool.bytes() >= 4_000L * (8 + 8 + 4) + 2_000L * (8 + 8 + 4), "its columns are in the pool");
        // The next batch may hold these arrays now: reading the old one must fail, not show its values.
        assertThrows(NullPointerException.class, () -> batch.sampleTime(0));
        assertThrows(NullPointerException.class, () -> batch.end(0));
    }
}

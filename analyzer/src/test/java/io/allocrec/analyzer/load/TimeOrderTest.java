package io.allocrec.analyzer.load;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * {@link TimeOrder}'s natural merge sort, and {@link ThreadBatch#sort()} which uses it. Expected
 * orders are written out by hand: "i(t)" means index i with time t.
 */
class TimeOrderTest {

    @Test
    void alreadySortedIsTheIdentity() {
        // one run: no merge pass
        long[] times = {1, 2, 2, 5};
        assertArrayEquals(new int[] {0, 1, 2, 3}, TimeOrder.of(times, 4));
        assertArrayEquals(new long[] {1, 2, 2, 5}, times);
    }

    @Test
    void descendingIsFiveRunsReversed() {
        // 5 runs of one -> 3 -> 2 -> 1 merge passes: 4(10) 3(20) 2(30) 1(40) 0(50)
        long[] times = {50, 40, 30, 20, 10};
        assertArrayEquals(new int[] {4, 3, 2, 1, 0}, TimeOrder.of(times, 5));
        assertArrayEquals(new long[] {10, 20, 30, 40, 50}, times);
    }

    @Test
    void oddNumberOfRunsCarriesTheLastOneOver() {
        // runs [3 7 9] [1 8] [2 4 6] start at 0, 3, 5; sorted:
        // 3(1) 5(2) 0(3) 6(4) 7(6) 1(7) 4(8) 2(9)
        long[] times = {3, 7, 9, 1, 8, 2, 4, 6};
        assertArrayEquals(new int[] {3, 5, 0, 6, 7, 1, 4, 2}, TimeOrder.of(times, 8));
        assertArrayEquals(new long[] {1, 2, 3, 4, 6, 7, 8, 9}, times);
    }

    @Test
    void equalTimesKeepTheirOrderAcrossRuns() {
        // runs [5 5] [1 5] [1]; stable: 2(1) 4(1) 0(5) 1(5) 3(5)
        long[] times = {5, 5, 1, 5, 1};
        assertArrayEquals(new int[] {2, 4, 0, 1, 3}, TimeOrder.of(times, 5));
        assertArrayEquals(new long[] {1, 1, 5, 5, 5}, times);
    }

    @Test
    void onlyTheFirstCountTimesAreSorted() {
        // count 3 of {3, 1, 2, 0}: 1(1) 2(2) 0(3); the 0 at index 3 is outside and untouched
        long[] times = {3, 1, 2, 0};
        assertArrayEquals(new int[] {1, 2, 0}, TimeOrder.of(times, 3));
        assertArrayEquals(new long[] {1, 2, 3, 0}, times);
    }

    @Test
    void fewRunsAndManyRunsSortAsAStableSortDoes() {
        // Runs of random lengths with times drawn from a narrow range, so that equal times abound,
        // and runs that follow each other in time overlapping a little (as a thread's buffers
        // flush), where a run keeps its turn for a stretch. Checked against the JDK's stable sort.
        java.util.SplittableRandom random = new java.util.SplittableRandom(18);
        for (int runs : new int[] {2, 6, 16, 17, 40, -2, -6, -40}) {
            boolean following = runs < 0;
            runs = Math.abs(runs);
            int count = 0;
            long[] times = new long[runs * 200];
            for (int r = 0; r < runs; r++) {
                long time = following ? 100L * r + random.nextLong(-10, 10) : random.nextLong(50);
                for (int i = random.nextInt(1, 200); i > 0; i--) {
                    times[count++] = time;
                    time += random.nextLong(3);
                }
            }
            Integer[] expected = new Integer[count];
            for (int i = 0; i < count; i++) {
                expected[i] = i;
            }
            long[] original = times.clone();
            java.util.Arrays.sort(expected, java.util.Comparator.comparingLong(i -> original[i]));
            int[] order = TimeOrder.of(times, count);
            assertArrayEquals(java.util.Arrays.stream(expected).mapToInt(Integer::intValue).toArray(), order,
                    runs + (following ? " runs following each other" : " runs"));
            for (int i = 0; i < count; i++) {
                assertEquals(original[order[i]], times[i]);
            }
        }
    }

    @Test
    void emptyAndSingle() {
        assertArrayEquals(new int[0], TimeOrder.of(new long[0], 0));
        assertArrayEquals(new int[0], TimeOrder.of(new long[] {9, 8}, 0)); // count 0 of a non-empty array
        long[] single = {7};
        assertArrayEquals(new int[] {0}, TimeOrder.of(single, 1));
        assertArrayEquals(new long[] {7}, single);
    }

    @Test
    void negativeAndExtremeTimes() {
        // 0(MAX) 1(-5) 2(MIN) 3(0): sorted 2(MIN) 1(-5) 3(0) 0(MAX); no subtraction overflow
        long[] times = {Long.MAX_VALUE, -5, Long.MIN_VALUE, 0};
        assertArrayEquals(new int[] {2, 1, 3, 0}, TimeOrder.of(times, 4));
        assertArrayEquals(new long[] {Long.MIN_VALUE, -5, 0, Long.MAX_VALUE}, times);
    }

    @Test
    void threadBatchSortCarriesWeightsAndKeysAlong() {
        // added as (30, 300, key 3), (10, 5e9, key 1), (20, 200, key 2), (10, 7, key 4)
        // sorted stably by time: (10, 5e9, 1) (10, 7, 4) (20, 200, 2) (30, 300, 3)
        ThreadBatch batch = new ThreadBatch("t");
        batch.addSample(30, 300, 3);
        batch.addSample(10, 5_000_000_000L, 1); // beyond int: must move with its sample
        batch.addSample(20, 200, 2);
        batch.addSample(10, 7, 4);
        batch.sort();
        assertEquals(4, batch.sampleCount());
        long[] times = new long[4];
        long[] weights = new long[4];
        int[] keys = new int[4];
        for (int i = 0; i < 4; i++) {
            times[i] = batch.sampleTime(i);
            weights[i] = batch.weight(i);
            keys[i] = batch.key(i);
        }
        assertArrayEquals(new long[] {10, 10, 20, 30}, times);
        assertArrayEquals(new long[] {5_000_000_000L, 7, 200, 300}, weights);
        assertArrayEquals(new int[] {1, 4, 2, 3}, keys);
    }

    @Test
    void threadBatchSortPutsScopesInEndOrderKeepingTiesInCommitOrder() {
        // added (name, start, end, size, payload, allocated, retained):
        //   1: [0, 100] 10 11 12 13;  2: [20, 60] 20 21 22 23;  3: [70, 100] 30 31 32 33
        // by end, stable: 2 (60), 1 (100), 3 (100): 1 was added before 3, so it stays before
        ThreadBatch batch = new ThreadBatch("t");
        batch.addScope(1, 0, 100, 10, 11, 12, 13);
        batch.addScope(2, 20, 60, 20, 21, 22, 23);
        batch.addScope(3, 70, 100, 30, 31, 32, 33);
        batch.sort();
        assertEquals(3, batch.scopeCount());
        int[] names = new int[3];
        long[][] rows = new long[3][];
        for (int i = 0; i < 3; i++) {
            names[i] = batch.nameId(i);
            rows[i] = new long[] {batch.start(i), batch.end(i), batch.size(i), batch.payload(i), batch.allocated(i),
                    batch.retained(i)};
        }
        assertArrayEquals(new int[] {2, 1, 3}, names);
        assertArrayEquals(new long[] {20, 60, 20, 21, 22, 23}, rows[0]);
        assertArrayEquals(new long[] {0, 100, 10, 11, 12, 13}, rows[1]);
        assertArrayEquals(new long[] {70, 100, 30, 31, 32, 33}, rows[2]);
    }

    @Test
    void threadBatchGrowsPastItsInitialCapacity() {
        // 40 samples added newest first (times 40..1) and 10 scopes (ends 10..1): past the
        // initial 16 samples and 4 scopes; sorted: sample i at time i + 1 with key i + 1
        ThreadBatch batch = new ThreadBatch("t");
        for (int t = 40; t >= 1; t--) {
            batch.addSample(t, t * 10L, t);
        }
        for (int end = 10; end >= 1; end--) {
            batch.addScope(end, end - 1, end, 0, 0, ThreadBatch.UNKNOWN, ThreadBatch.UNKNOWN);
        }
        batch.sort();
        assertEquals(40, batch.sampleCount());
        assertEquals(10, batch.scopeCount());
        for (int i = 0; i < 40; i++) {
            assertEquals(i + 1, batch.sampleTime(i));       // 1, 2, ..., 40
            assertEquals((i + 1) * 10L, batch.weight(i));   // weight 10 t moved with time t
            assertEquals(i + 1, batch.key(i));
        }
        for (int i = 0; i < 10; i++) {
            assertEquals(i + 1, batch.end(i));              // ends 1, 2, ..., 10
            assertEquals(i, batch.start(i));                // start = end - 1
            assertEquals(i + 1, batch.nameId(i));           // name = end
        }
    }
}

package io.allocrec.analyzer.load;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * {@link TimeOrder}'s natural merge sort, and {@link ThreadSamples#sort()} which uses it. Expected
 * orders are written out by hand: "i(t)" means index i with time t.
 */
class TimeOrderTest {

    @Test
    void alreadySortedIsTheIdentity() {
        long[] times = {1, 2, 2, 5};
        assertArrayEquals(new int[] {0, 1, 2, 3}, TimeOrder.of(times, 4));
        assertArrayEquals(new long[] {1, 2, 2, 5}, times);
    }

    @Test
    void descendingIsFiveRunsReversed() {
        // 5 runs of one -> 3 -> 2 -> 1 merge passes
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
    void emptyAndSingle() {
        assertArrayEquals(new int[0], TimeOrder.of(new long[0], 0));
        assertArrayEquals(new int[] {0}, TimeOrder.of(new long[] {7}, 1));
    }

    @Test
    void threadSamplesSortCarriesWeightsAndKeysAlong() {
        // added as (30, 300, key 3), (10, 5e9, key 1), (20, 200, key 2), (10, 7, key 4)
        // sorted stably by time: (10, 5e9, 1) (10, 7, 4) (20, 200, 2) (30, 300, 3)
        ThreadSamples samples = new ThreadSamples();
        samples.add(30, 300, 3);
        samples.add(10, 5_000_000_000L, 1); // beyond int: kept on the side, must move with its sample
        samples.add(20, 200, 2);
        samples.add(10, 7, 4);
        samples.sort();
        assertEquals(4, samples.count());
        long[] times = new long[4];
        long[] weights = new long[4];
        int[] keys = new int[4];
        for (int i = 0; i < 4; i++) {
            times[i] = samples.time(i);
            weights[i] = samples.weight(i);
            keys[i] = samples.allocationKey(i);
        }
        assertArrayEquals(new long[] {10, 10, 20, 30}, times);
        assertArrayEquals(new long[] {5_000_000_000L, 7, 200, 300}, weights);
        assertArrayEquals(new int[] {1, 4, 2, 3}, keys);
    }
}

package io.allocrec.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SizeSweepTest {

    @Test
    void defaultSweepRunsFromOneToAMillion() {
        List<Integer> sizes = SizeSweep.defaultSizes();
        assertEquals(1, sizes.get(0));
        assertEquals(1_000_000, sizes.get(sizes.size() - 1));
    }

    @Test
    void everyHashMapResizeFallsBetweenTwoSweepPoints() {
        List<Integer> sizes = SizeSweep.defaultSizes();
        // A default HashMap doubles its table when it passes 12, 24, 48, ... entries.
        for (int threshold = 12; threshold < 1_000_000; threshold *= 2) {
            int limit = threshold;
            long before = sizes.stream().filter(n -> n > limit / 2 && n <= limit).count();
            long after = sizes.stream().filter(n -> n > limit && n <= limit * 2).count();
            assertTrue(before >= 1 && after >= 1, "no sweep point on both sides of the resize at " + threshold);
        }
    }
}

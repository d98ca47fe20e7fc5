package io.allocrec.analyzer.load;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class BatchSizesTest {

    @Test
    void remembersBusyThreadsOnlyAndOnlySoMany() {
        BatchSizes sizes = new BatchSizes();
        sizes.remember("busy", 600_000, 20_000);
        sizes.remember("quiet", 10, 2);
        assertArrayEquals(new int[] {600_000, 20_000}, sizes.of("busy"));
        assertNull(sizes.of("quiet"), "a small batch grows cheaply from its small start");

        sizes.remember("busy", 3, 0);
        assertNull(sizes.of("busy"), "gone quiet: its next batch starts small again");

        // A recording of millions of short virtual threads must not make this grow with them.
        for (int i = 0; i < 100_000; i++) {
            sizes.remember("virtual-" + i, BatchSizes.WORTH_KEEPING, 0);
        }
        assertNull(sizes.of("virtual-99999"));
        assertArrayEquals(new int[] {BatchSizes.WORTH_KEEPING, 0}, sizes.of("virtual-0"));
    }
}

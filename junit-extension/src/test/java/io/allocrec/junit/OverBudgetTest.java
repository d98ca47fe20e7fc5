package io.allocrec.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The failure sentence, on figures worked out by hand. */
class OverBudgetTest {

    @Test
    void readsLikeASentenceWithTheExcessInBytesAndPercent() {
        assertEquals("handle(request) allocated 5,120 bytes, 1,024 bytes (25%) over its budget of 4,096 bytes"
                + " (exact: the thread's allocation counter).", new OverBudget("handle(request)", 5120, 4096).sentence());
    }

    @Test
    void smallExcessesKeepADecimalAndOneByteIsSingular() {
        assertEquals("x allocated 1,001 bytes, 1 byte (0.1%) over its budget of 1,000 bytes"
                + " (exact: the thread's allocation counter).", new OverBudget("x", 1001, 1000).sentence());
        assertEquals("x allocated 100,001 bytes, 1 byte (<0.1%) over its budget of 100,000 bytes"
                + " (exact: the thread's allocation counter).", new OverBudget("x", 100_001, 100_000).sentence());
        assertEquals("x allocated 1,000 bytes, 750 bytes (300%) over its budget of 250 bytes"
                + " (exact: the thread's allocation counter).", new OverBudget("x", 1000, 250).sentence());
    }

    @Test
    void aZeroBudgetHasNoPercentage() {
        assertEquals("x allocated 16 bytes, 16 bytes over its budget of 0 bytes"
                + " (exact: the thread's allocation counter).", new OverBudget("x", 16, 0).sentence());
    }
}

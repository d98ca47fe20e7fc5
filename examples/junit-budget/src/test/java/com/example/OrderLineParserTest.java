package com.example;

import static io.allocrec.junit.AllocationAssertions.assertAllocatesAtMost;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.allocrec.junit.AllocationBudget;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Budgets as a user writes them: two that hold and one that a change broke (on purpose here). */
class OrderLineParserTest {

    static List<Integer> parse(String line) {
        List<Integer> values = new ArrayList<>();
        for (String part : line.split(",")) {
            values.add(Integer.valueOf(part.trim()));
        }
        return values;
    }

    @Test
    @AllocationBudget(maxBytes = 1024 * 1024)
    void parsesABatchWithinItsBudget() {
        for (int i = 0; i < 1_000; i++) {
            assertEquals(4, parse("1000, 2000, 3000, 4000").size());
        }
    }

    @Test
    void parsesALineWithinItsBudget() {
        assertAllocatesAtMost(4096, 10, () -> parse("1000, 2000, 3000, 4000"));
    }

    static byte[] buffer;

    /** A 100,000-byte copy where 1 KB was budgeted: fails with allocrec's message. */
    @Test
    @AllocationBudget(maxBytes = 1024)
    void copiesABufferOverItsBudget() {
        buffer = new byte[100_000];
    }
}

package io.allocrec.junit;

import static io.allocrec.junit.AllocationAssertions.assertAllocatesAtMost;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * Test classes the tests run through JUnit's EngineTestKit and whose outcome they check; not run
 * by the build on their own (nested classes, and this class's name is no test's).
 *
 * <p>Each allocates {@code new long[1000]}, {@link #LONG_ARRAY_BYTES} on a 64-bit JVM with
 * compressed class pointers, and JUnit's reflective call of a test method allocates
 * {@link #JUNIT_CALL_BYTES}; the tests check both against JOL before trusting these budgets.
 * The array goes to a field, so the JIT cannot remove it.
 */
final class BudgetExamples {

    static final int ELEMENTS = 1000;
    static final long LONG_ARRAY_BYTES = 8016;
    /** One lambda capturing one reference, made by JUnit 5.14's ReflectionUtils.invokeMethod. */
    static final long JUNIT_CALL_BYTES = 16;
    static final long ONE_ARRAY_CALL = LONG_ARRAY_BYTES + JUNIT_CALL_BYTES;

    private BudgetExamples() {
    }

    static class EmptyBody {
        @Test
        @AllocationBudget(maxBytes = 0)
        void allocatesNothing() {
        }
    }

    static class WithinBudget {
        Object kept;

        @Test
        @AllocationBudget(maxBytes = ONE_ARRAY_CALL)
        void allocatesOneArray() {
            kept = new long[ELEMENTS];
        }
    }

    static class OverBudget {
        Object kept;

        @Test
        @AllocationBudget(maxBytes = ONE_ARRAY_CALL - 1)
        void allocatesOneArray() {
            kept = new long[ELEMENTS];
        }
    }

    static class LifecycleNotCounted {
        Object kept;

        @BeforeEach
        void allocateBefore() {
            kept = new long[100 * ELEMENTS];
        }

        @AfterEach
        void allocateAfter() {
            kept = new long[100 * ELEMENTS];
        }

        @Test
        @AllocationBudget(maxBytes = ONE_ARRAY_CALL)
        void allocatesOneArray() {
            kept = new long[ELEMENTS];
        }
    }

    @AllocationBudget(maxBytes = ONE_ARRAY_CALL - 1)
    static class ClassBudget {
        Object kept;

        @Test
        void overTheClassBudget() {
            kept = new long[ELEMENTS];
        }

        @Test
        @AllocationBudget(maxBytes = ONE_ARRAY_CALL)
        void withinItsOwnBudget() {
            kept = new long[ELEMENTS];
        }

        @RepeatedTest(2)
        void repeatedOverTheClassBudget() {
            kept = new long[ELEMENTS];
        }

        @Nested
        class Inner {
            @Test
            void overTheEnclosingBudget() {
                kept = new long[ELEMENTS];
            }
        }
    }

    static class NegativeBudget {
        @Test
        @AllocationBudget(maxBytes = -1)
        void isNotRun() {
            throw new IllegalStateException("the body ran");
        }
    }

    static class BigOverBudget {
        Object kept;

        @Test
        @AllocationBudget(maxBytes = 1 << 20)
        void allocatesSixteenMegabytes() {
            for (int i = 0; i < 2048; i++) {
                kept = new long[ELEMENTS];
            }
        }
    }

    static class AssertionWithinBudget {
        Object kept;

        @Test
        void allocatesOneArray() {
            assertAllocatesAtMost(LONG_ARRAY_BYTES, () -> kept = new long[ELEMENTS]);
        }
    }

    static class AssertionOverBudget {
        Object kept;

        @Test
        void allocatesOneArray() {
            assertAllocatesAtMost(LONG_ARRAY_BYTES - 1, () -> kept = new long[ELEMENTS]);
        }
    }
}

package io.allocrec.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The most heap a test method may allocate: the test fails when its body allocates more.
 *
 * <pre>{@code
 * @Test
 * @AllocationBudget(maxBytes = 4096)
 * void handlesARequest() {
 *     handler.handle(request);
 * }
 * }</pre>
 *
 * <p>The figure is exact: the bytes the test's thread allocated while the test method ran, from
 * the thread's allocation counter ({@code com.sun.management.ThreadMXBean
 * #getCurrentThreadAllocatedBytes()}), read right before and right after JUnit calls the method.
 * {@code @BeforeEach} and {@code @AfterEach} methods and the test instance's construction are
 * not counted; what the method allocates on other threads (an executor, a parallel stream's
 * workers) is not counted either. Garbage counts the same as what the method keeps. JUnit's own
 * call of the method is counted: 16 bytes with JUnit 5.14, so a budget of 0 cannot pass; for
 * code that must allocate nothing, use {@link AllocationAssertions}, which adds nothing.
 *
 * <p>On a class, the budget is the default for each of its {@code @Test},
 * {@code @RepeatedTest} and {@code @ParameterizedTest} methods (each invocation has the whole
 * budget), and for those of its {@code @Nested} classes; a method's own annotation wins.
 * {@code @TestFactory} methods are not measured.
 *
 * <p>The first call of any code in a JVM allocates for one-time work: class loading and
 * initialisation, lambda and string-concatenation linkage, lazily built caches. A test method
 * runs once, so its budget includes that: leave room for it,
 * or use {@link AllocationAssertions#assertAllocatesAtMost(long, int,
 * org.junit.jupiter.api.function.Executable)} with warm-up runs to measure the steady state.
 *
 * <p>Where the JVM cannot count the thread's bytes (a virtual thread, a JVM without the
 * measurement), the test is skipped, not run, with the reason; a negative budget fails the test
 * as a configuration error before it runs.
 *
 * <p>Over budget, the failure message gives the measured bytes, the budget and the excess. With
 * the system property or JUnit configuration parameter {@value AllocationBudgetExtension#RECORD}
 * set to {@code true}, the method runs under a JFR recording and the message adds its top
 * allocating stacks; see {@link AllocationBudgetExtension}.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@ExtendWith(AllocationBudgetExtension.class)
public @interface AllocationBudget {

    /**
     * The most bytes the test method's body may allocate on its thread; 0 or more.
     *
     * @return the budget in bytes
     */
    long maxBytes();
}

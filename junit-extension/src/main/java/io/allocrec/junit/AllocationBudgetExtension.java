package io.allocrec.junit;

import io.allocrec.recorder.AllocationScope;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * Checks {@link AllocationBudget}: measures the bytes a test method's body allocates on its
 * thread and fails the test when they exceed the budget. Registered by the annotation itself.
 *
 * <p>Only the method body is measured ({@link #interceptTestMethod}, and
 * {@link #interceptTestTemplateMethod} for repeated and parameterized tests): the counter is read
 * right before and right after JUnit's reflective call of the method, so lifecycle methods and
 * the test instance are not counted. That call itself is counted: 16 bytes per call with JUnit
 * 5.14 (a lambda its {@code ReflectionUtils.invokeMethod} creates), measured on JDK 17 and 25
 * and not subtracted, so the figure never falls below what the body allocated. The JDK's
 * reflective accessor, built on a method's first call (48 bytes on JDK 17, 1.1 to 1.3 KB on JDK
 * 25), is built before the window and not counted.
 *
 * <p>Stacks are opt-in: with the system property or JUnit configuration parameter
 * {@value #RECORD} set to {@code true}, each budgeted method runs under its own JFR recording of
 * allocation samples, started before the counter's first read and closed after its second.
 * Starting JFR costs 0.2 to 0.35 s once per JVM (up to 1 s on a busy machine), then about 1 to
 * 5 ms per test; and a method that allocates less than a thread-local allocation buffer
 * (hundreds of KB to MBs) usually gets no sample, since JFR samples a thread's allocations when
 * it refills its buffer, so recording by default would mostly cost time for nothing. The
 * message says when no sample was caught. The recording is kept at
 * {@code target/allocrec-junit/<test class>.<method>.jfr} (folder: {@value StackEvidence#FOLDER},
 * a system property or configuration parameter) only when the test fails with samples.
 */
public final class AllocationBudgetExtension implements InvocationInterceptor {

    /** System property or JUnit configuration parameter: {@code true} records stacks with JFR. */
    public static final String RECORD = "allocrec.junit.record";

    private static final Pattern INVOCATION_INDEX = Pattern.compile("\\[test-template-invocation:#(\\d+)]$");

    /** Creates the extension; JUnit does, for {@link AllocationBudget}. */
    public AllocationBudgetExtension() {
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation,
            ReflectiveInvocationContext<Method> invocationContext, ExtensionContext context) throws Throwable {
        measure(invocation, invocationContext, context);
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation,
            ReflectiveInvocationContext<Method> invocationContext, ExtensionContext context) throws Throwable {
        measure(invocation, invocationContext, context);
    }

    private static void measure(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
            ExtensionContext context) throws Throwable {
        Optional<AllocationBudget> budget = budgetOf(context.getRequiredTestMethod(), context.getRequiredTestClass());
        if (budget.isEmpty()) {
            invocation.proceed();
            return;
        }
        long maxBytes = budget.get().maxBytes();
        String subject = subject(context);
        if (maxBytes < 0) {
            throw new ExtensionConfigurationException(String.format(
                    "@AllocationBudget(maxBytes = %d) for %s: a budget is 0 bytes or more.", maxBytes, subject));
        }
        Optional<String> uncounted = AllocationCounter.whyUncounted();
        if (uncounted.isPresent()) {
            throw new TestAbortedException(String.format("Skipped, not run: the allocation budget of %s"
                    + " cannot be checked because %s.", OverBudget.count(maxBytes, "byte"), uncounted.get()));
        }
        boolean record = context.getConfigurationParameter(RECORD).map(Boolean::parseBoolean).orElse(false);
        String noStacks = "No allocation stacks: set " + RECORD + "=true (system property or JUnit configuration"
                + " parameter) to record the test method with JFR, or measure the code with"
                + " AllocationAssertions.assertAllocatesAtMost, which re-runs it under JFR after a failure.";
        AllocationRecording recording = null;
        if (record) {
            Optional<String> noJfr = StackEvidence.whyNoJfr();
            noStacks = "No allocation stacks: " + noJfr.orElse("");
            if (noJfr.isEmpty()) {
                try {
                    recording = AllocationRecording.start();
                } catch (RuntimeException e) {
                    noStacks = "No allocation stacks: the JFR recording could not start (" + e + ").";
                }
            }
        }
        try (AllocationRecording allocations = recording) {
            ReflectiveCall.prepare(call.getExecutable(), call.getTarget().orElse(null));
            if (allocations != null) {
                allocations.windowStarts();
            }
            // The scope makes the test method visible to an allocrec recording as well.
            AllocationScope scope = AllocationScope.measure(subject);
            try (scope) {
                invocation.proceed();
            }
            if (allocations != null) {
                allocations.windowEnds();
            }
            long allocated = scope.allocatedBytes();
            if (allocated > maxBytes) {
                StackEvidence evidence = allocations == null ? StackEvidence.none(noStacks)
                        : evidence(allocations, context, allocated);
                throw new AssertionFailedError(new OverBudget(subject, allocated, maxBytes).message(evidence));
            }
        }
    }

    private static StackEvidence evidence(AllocationRecording recording, ExtensionContext context, long allocated) {
        Path file = StackEvidence.file(context.getConfigurationParameter(StackEvidence.FOLDER), fileName(context));
        try {
            TopStacks stacks = recording.stopAndWrite(file);
            if (!stacks.shares().isEmpty()) {
                return StackEvidence.sampled(stacks, file, "during the test method");
            }
            Files.deleteIfExists(file);
            return StackEvidence.none(String.format("No allocation stacks: JFR recorded the test method but caught"
                    + " no allocation sample. JFR samples a thread's allocations only when the thread refills its TLAB"
                    + " (thread-local allocation buffer, usually hundreds of KB or more), and the method's %s fit"
                    + " in the buffer it had; no recording kept. AllocationAssertions.assertAllocatesAtMost re-runs code under JFR until"
                    + " it has samples.", OverBudget.count(allocated, "byte")));
        } catch (IOException | RuntimeException e) {
            return StackEvidence.none("No allocation stacks: the JFR recording could not be kept at " + file
                    + " (" + e + ").");
        }
    }

    /** The method's budget, else its class's, else an enclosing {@code @Nested} class's. */
    static Optional<AllocationBudget> budgetOf(Method method, Class<?> testClass) {
        Optional<AllocationBudget> own = AnnotationSupport.findAnnotation(method, AllocationBudget.class);
        for (Class<?> type = testClass; own.isEmpty() && type != null;
                type = Modifier.isStatic(type.getModifiers()) ? null : type.getEnclosingClass()) {
            own = AnnotationSupport.findAnnotation(type, AllocationBudget.class);
        }
        return own;
    }

    /** {@code OrderTest.handles()}, and for a repeated or parameterized test its display name too. */
    private static String subject(ExtensionContext context) {
        Class<?> type = context.getRequiredTestClass();
        String typeName = type.getName().substring(type.getPackageName().isEmpty() ? 0
                : type.getPackageName().length() + 1).replace('$', '.');
        String name = typeName + "." + context.getRequiredTestMethod().getName() + "()";
        return invocationIndex(context).isPresent() ? name + " " + context.getDisplayName() : name;
    }

    /** {@code com.example.OrderTest.handles}, with {@code [n]} for the n-th invocation of a template. */
    private static String fileName(ExtensionContext context) {
        String name = context.getRequiredTestClass().getName() + "." + context.getRequiredTestMethod().getName();
        return invocationIndex(context).map(index -> name + "[" + index + "]").orElse(name);
    }

    private static Optional<String> invocationIndex(ExtensionContext context) {
        Matcher index = INVOCATION_INDEX.matcher(context.getUniqueId());
        return index.find() ? Optional.of(index.group(1)) : Optional.empty();
    }
}

package io.allocrec.junit;

import static io.allocrec.junit.GroundTruth.grouped;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;
import org.opentest4j.AssertionFailedError;

/**
 * Runs the {@link BudgetExamples} test classes through JUnit and checks what they report against
 * JOL's sizes of what they allocate.
 */
class AllocationBudgetTest {

    private static long array;
    private static long call;

    @TempDir
    Path folder;

    @BeforeAll
    static void examplesBudgetsAgreeWithJol() {
        array = GroundTruth.longArrayBytes();
        call = GroundTruth.capturingLambdaBytes();
        assertEquals(BudgetExamples.LONG_ARRAY_BYTES, array, "JOL's size of long[1000]: the examples' budgets assume it");
        assertEquals(BudgetExamples.JUNIT_CALL_BYTES, call, "JOL's size of a one-reference lambda");
    }

    @Test
    void aBudgetOfExactlyTheBytesPasses() {
        Events tests = run(BudgetExamples.WithinBudget.class, Map.of());
        tests.assertStatistics(stats -> stats.started(1).succeeded(1).failed(0));
    }

    @Test
    void oneByteOverFailsWithTheBytesTheBudgetAndTheExcess() {
        String message = onlyFailure(run(BudgetExamples.OverBudget.class, Map.of())).getMessage();
        long allocated = array + call;
        assertTrue(message.startsWith("BudgetExamples.OverBudget.allocatesOneArray() allocated " + grouped(allocated)
                + " bytes, 1 byte (<0.1%) over its budget of " + grouped(allocated - 1)
                + " bytes (exact: the thread's allocation counter)."), message);
        assertTrue(message.contains("No allocation stacks: set allocrec.junit.record=true"), message);
    }

    @Test
    void junitsOwnCallOfTheMethodIsTheOnlyCostOfAnEmptyBody() {
        String message = onlyFailure(run(BudgetExamples.EmptyBody.class, Map.of())).getMessage();
        assertTrue(message.startsWith("BudgetExamples.EmptyBody.allocatesNothing() allocated " + call
                + " bytes, " + call + " bytes over its budget of 0 bytes (exact"), message);
    }

    @Test
    void beforeEachAndAfterEachAreNotCounted() {
        Events tests = run(BudgetExamples.LifecycleNotCounted.class, Map.of());
        tests.assertStatistics(stats -> stats.started(1).succeeded(1).failed(0));
    }

    @Test
    void aClassBudgetIsEachMethodsDefaultAndAMethodBudgetWins() {
        Events tests = run(BudgetExamples.ClassBudget.class, Map.of());
        tests.assertStatistics(stats -> stats.started(5).succeeded(1).failed(4));
        assertEquals(List.of("withinItsOwnBudget()"), tests.succeeded().stream()
                .map(event -> event.getTestDescriptor().getDisplayName()).toList());
        String over = " allocated " + grouped(array + call) + " bytes, 1 byte (<0.1%) over its budget of "
                + grouped(array + call - 1) + " bytes";
        List<String> failures = tests.failed().stream().map(event -> failure(event).getMessage()).toList();
        assertEquals(4, failures.stream().filter(message -> message.contains(over)).count(), failures.toString());
        assertTrue(failures.stream().anyMatch(message -> message.startsWith(
                "BudgetExamples.ClassBudget.repeatedOverTheClassBudget() repetition 2 of 2 allocated")), failures.toString());
        assertTrue(failures.stream().anyMatch(message -> message.startsWith(
                "BudgetExamples.ClassBudget.Inner.overTheEnclosingBudget() allocated")), failures.toString());
    }

    @Test
    void aNegativeBudgetIsAConfigurationErrorAndTheBodyDoesNotRun() {
        Throwable error = onlyFailure(run(BudgetExamples.NegativeBudget.class, Map.of()));
        assertInstanceOf(ExtensionConfigurationException.class, error);
        assertEquals("@AllocationBudget(maxBytes = -1) for BudgetExamples.NegativeBudget.isNotRun():"
                + " a budget is 0 bytes or more.", error.getMessage());
    }

    @Test
    void recordingKeepsTheStacksOfAFailureThatJfrSampled() throws IOException {
        String message = onlyFailure(run(BudgetExamples.BigOverBudget.class, recordInto(folder))).getMessage();
        long allocated = 2048 * array + call;
        assertTrue(message.startsWith("BudgetExamples.BigOverBudget.allocatesSixteenMegabytes() allocated "
                + grouped(allocated) + " bytes, " + grouped(allocated - (1 << 20)) + " bytes (1,466%) over its budget of"
                + " 1,048,576 bytes (exact: the thread's allocation counter)."), message);
        Path kept = folder.resolve("io.allocrec.junit.BudgetExamples$BigOverBudget.allocatesSixteenMegabytes.jfr");
        assertTrue(message.contains("Top allocating stacks (sampled by JFR, so the shares are estimates: "), message);
        assertTrue(message.contains(" samples during the test method; recording kept at " + kept.toAbsolutePath() + "):"),
                message);
        assertTrue(message.contains("of the sampled bytes ("), message);
        assertTrue(message.contains("): long[]\n      at io.allocrec.junit.BudgetExamples$BigOverBudget"
                + ".allocatesSixteenMegabytes line "), message);
        assertTrue(RecordingFile.readAllEvents(kept).stream()
                .anyMatch(event -> event.getEventType().getName().equals("jdk.ObjectAllocationSample")));
    }

    @Test
    void recordingSaysSoWhenJfrCaughtNoSampleAndKeepsNothing() throws IOException {
        String message = onlyFailure(run(BudgetExamples.OverBudget.class, recordInto(folder))).getMessage();
        assertTrue(message.contains("No allocation stacks: JFR recorded the test method but caught no allocation"
                + " sample."), message);
        assertTrue(message.contains("the method's " + grouped(array + call) + " bytes fit in the buffer it had;"
                + " no recording kept."), message);
        assertFalse(containsFiles(folder), "no recording should be kept");
    }

    @Test
    void aPassingTestUnderRecordingLeavesNoFile() throws IOException {
        run(BudgetExamples.WithinBudget.class, recordInto(folder)).assertStatistics(stats -> stats.succeeded(1));
        assertFalse(containsFiles(folder), "no recording should be kept");
    }

    static Events run(Class<?> example, Map<String, String> parameters) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(example))
                .configurationParameters(parameters).execute().testEvents();
    }

    private static Map<String, String> recordInto(Path folder) {
        return Map.of(AllocationBudgetExtension.RECORD, "true", "allocrec.junit.dir", folder.toString());
    }

    static Throwable onlyFailure(Events tests) {
        tests.assertStatistics(stats -> stats.started(1).failed(1));
        return failure(tests.failed().stream().findFirst().orElseThrow());
    }

    private static Throwable failure(Event event) {
        Throwable error = event.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
        if (error instanceof AssertionFailedError || error instanceof ExtensionConfigurationException) {
            return error;
        }
        throw new AssertionError("unexpected failure", error);
    }

    private static boolean containsFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.anyMatch(Files::isRegularFile);
        }
    }
}

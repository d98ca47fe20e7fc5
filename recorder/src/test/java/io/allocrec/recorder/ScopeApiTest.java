package io.allocrec.recorder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scope API against real recordings, with the JDK's own reader as the independent parser. */
class ScopeApiTest {

    @TempDir
    Path folder;

    @Test
    void scopeIsANoOpWhenJfrIsNotRecordingTheEvent() {
        try (AllocationScope scope = AllocationScope.open("idle")) {
            assertFalse(scope.isRecording());
        }
    }

    @Test
    void scopeRecordsExactAllocatedBytesAgainstThreadMxBean() throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long referenceBytes;
        List<RecordedEvent> events;
        AllocationScope scope;
        try (Recording recording = scenarioRecording()) {
            recording.start();
            long before = threads.getCurrentThreadAllocatedBytes();
            scope = AllocationScope.open("arrays", 1000);
            try (scope) {
                scope.payloadBytes(1000L * 1024);
                allocate(1000, 1024);
            }
            long after = threads.getCurrentThreadAllocatedBytes();
            referenceBytes = after - before;
            recording.stop();
            events = events(recording, "arrays");
        }
        assertEquals(1, events.size());
        RecordedEvent event = events.get(0);
        long recorded = event.getLong("allocatedBytes");
        assertEquals(recorded, scope.allocatedBytes(), "the scope tells what its event recorded");
        // The outer reading also sees the scope object and the event: a few hundred bytes at most.
        long arrays = 1000L * (16 + 1024);
        assertTrue(recorded >= arrays && recorded <= referenceBytes && referenceBytes - recorded < 1024,
                "scope recorded " + recorded + ", ThreadMXBean around it " + referenceBytes + ", arrays " + arrays);
        assertEquals(1000, event.getLong("size"));
        assertEquals(1000L * 1024, event.getLong("payloadBytes"));
        assertEquals(-1, event.getLong("retainedBytes"));
        assertEquals(Thread.currentThread().getName(), event.getThread().getJavaName());
    }

    @Test
    void allocatedBytesAfterCloseAgreesWithThreadMxBeanWithoutARecording() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        AllocationScope scope = AllocationScope.measure("parse", 500);
        try (scope) {
            assertEquals(AllocationScope.UNKNOWN, scope.allocatedBytes(), "no figure before close");
            allocate(500, 2048);
        }
        long after = threads.getCurrentThreadAllocatedBytes();
        assertFalse(scope.isRecording());
        // byte[2048] is 2064 bytes with compressed class pointers, byte[500][] 2016: 1,034,016
        // in all. The outer ThreadMXBean reading also counts the scope object itself.
        long arrays = 500L * 2064 + 2016;
        assertTrue(scope.allocatedBytes() >= arrays && scope.allocatedBytes() <= after - before
                        && after - before - scope.allocatedBytes() < 512,
                "scope " + scope.allocatedBytes() + ", ThreadMXBean around it " + (after - before) + ", arrays " + arrays);
    }

    @Test
    void disabledOpenHasNoFigureButMeasureAlwaysHasOne() {
        AllocationScope disabled = AllocationScope.open("idle");
        try (disabled) {
            allocate(10, 100);
        }
        assertEquals(AllocationScope.UNKNOWN, disabled.allocatedBytes());
        AllocationScope measured = AllocationScope.measure("idle");
        try (measured) {
            allocate(10, 100);
        }
        assertTrue(measured.allocatedBytes() >= 10 * 120, "10 byte[100] of 120 bytes: " + measured.allocatedBytes());
    }

    @Test
    void scopeClosedOnAnotherThreadRecordsTheFigureAsUnknown() throws Exception {
        try (Recording recording = scenarioRecording()) {
            recording.start();
            AllocationScope scope = AllocationScope.open("handed-over");
            allocate(100, 1000);
            Thread closer = new Thread(() -> {
                allocate(1000, 1000);
                scope.close();
            }, "closer");
            closer.start();
            closer.join();
            recording.stop();
            assertEquals(AllocationScope.UNKNOWN, scope.allocatedBytes());
            List<RecordedEvent> events = events(recording, "handed-over");
            assertEquals(1, events.size());
            assertEquals(-1, events.get(0).getLong("allocatedBytes"));
        }
    }

    @Test
    void scopeStillRecordsWhenTheBodyThrows() throws Exception {
        try (Recording recording = scenarioRecording()) {
            recording.start();
            assertThrows(IllegalStateException.class, () -> {
                try (AllocationScope scope = AllocationScope.open("failing")) {
                    assertTrue(scope.isRecording());
                    allocate(10, 100);
                    throw new IllegalStateException("boom");
                }
            });
            recording.stop();
            assertEquals(1, events(recording, "failing").size());
        }
    }

    @Test
    void trackerRecordsOneEventWithBothFigures() throws Exception {
        try (Recording recording = scenarioRecording()) {
            recording.start();
            Measurement measurement = AllocationTracker.scenario("tracked").size(100).payloadBytes(100L * 1000)
                    .liveCopies(20).run(() -> allocate(100, 1000));
            recording.stop();
            List<RecordedEvent> events = events(recording, "tracked");
            assertEquals(1, events.size());
            assertEquals(measurement.allocatedBytes(), events.get(0).getLong("allocatedBytes"));
            assertEquals(measurement.retainedBytes(), events.get(0).getLong("retainedBytes"));
            // Sizes with compressed oops: byte[1000] is 1016 bytes, byte[100][] is 416. Allocation
            // is counted exactly; the live heap reading has a few hundred bytes of noise in 2 MB.
            assertEquals(100 * 1016 + 416, measurement.allocatedBytes());
            assertEquals(100 * 1016 + 416, measurement.retainedBytes(), 0.005 * (100 * 1016 + 416));
        }
    }

    private static byte[][] allocate(int count, int bytes) {
        byte[][] arrays = new byte[count][];
        for (int i = 0; i < count; i++) {
            arrays[i] = new byte[bytes];
        }
        return arrays;
    }

    private static Recording scenarioRecording() {
        Recording recording = new Recording();
        recording.enable(ScenarioEvent.NAME).withThreshold(java.time.Duration.ZERO);
        return recording;
    }

    private List<RecordedEvent> events(Recording recording, String name) throws Exception {
        Path file = Files.createTempFile(folder, "scope", ".jfr");
        recording.dump(file);
        return RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().equals(ScenarioEvent.NAME))
                .filter(e -> name.equals(e.getString("name")))
                .toList();
    }
}

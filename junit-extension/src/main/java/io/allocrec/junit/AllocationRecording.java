package io.allocrec.junit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;

/**
 * A JFR recording of every allocation sample, with stacks, around some code on the current
 * thread. Only {@code jdk.ObjectAllocationSample} is enabled, with its throttle off: JFR then
 * takes a sample each time a thread refills its TLAB (thread-local allocation buffer) or
 * allocates outside one, weighted by the bytes allocated since the thread's previous sample.
 *
 * <p>Starting the first recording in a JVM starts JFR itself: 0.3 s on JDK 17, 0.2 s on JDK 25,
 * up to 1 s on a busy 2-core machine. Later ones took 0.5 to 4 ms to start and 0.3 to 3.5 ms to
 * close (see the README for how this was measured). JFR writes its samples from native code:
 * the recording adds nothing to the thread's allocation counter.
 */
final class AllocationRecording implements AutoCloseable {

    private final Recording recording = new Recording();
    private final long threadId = Thread.currentThread().getId();
    private Instant from;
    private Instant to;

    private AllocationRecording() {
        recording.setName("allocrec-junit");
        recording.enable(RecordedStacks.SAMPLE_EVENT).withStackTrace().with("throttle", "off");
    }

    /**
     * Whether JFR can record here; call only where the {@code jdk.jfr} module is present.
     *
     * @return false where the JVM cannot record
     */
    static boolean isAvailable() {
        return FlightRecorder.isAvailable();
    }

    /**
     * Starts recording. Call {@link #windowStarts()} right before the code and
     * {@link #windowEnds()} right after it: samples outside are ignored.
     *
     * @return the running recording
     */
    static AllocationRecording start() {
        AllocationRecording allocations = new AllocationRecording();
        allocations.recording.start();
        return allocations;
    }

    /** The code starts now. */
    void windowStarts() {
        from = Instant.now();
    }

    /** The code has ended. */
    void windowEnds() {
        to = Instant.now();
    }

    /**
     * Stops recording and writes it to {@code file}, then reads the thread's samples in the window
     * from it. The caller deletes the file if it holds nothing worth keeping.
     *
     * @param file where to keep the recording; its folder is created
     * @return the current thread's stacks in the window
     * @throws IOException when the recording cannot be written or read
     */
    TopStacks stopAndWrite(Path file) throws IOException {
        recording.stop();
        Path folder = file.toAbsolutePath().getParent();
        if (folder != null) {
            Files.createDirectories(folder);
        }
        recording.dump(file);
        return RecordedStacks.read(file, threadId, from, to);
    }

    /** Discards the recording; nothing stays on disk but what {@link #stopAndWrite} wrote. */
    @Override
    public void close() {
        recording.close();
    }
}

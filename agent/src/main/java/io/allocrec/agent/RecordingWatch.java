package io.allocrec.agent;

import java.lang.instrument.Instrumentation;
import java.util.concurrent.atomic.AtomicBoolean;
import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;
import jdk.jfr.Recording;
import jdk.jfr.RecordingState;

/**
 * Takes the scopes out when the JFR recording they were put in for ends, however it ends: stopped
 * by {@code record --pid}, by its own duration, or by a user's {@code jcmd JFR.stop}. A tool killed
 * mid-recording so leaves nothing behind for long: the recording's duration ends it, and the
 * scopes with it.
 */
final class RecordingWatch implements FlightRecorderListener {

    private final Instrumentation instrumentation;
    private final String recording;
    private final AtomicBoolean ended = new AtomicBoolean();

    private RecordingWatch(Instrumentation instrumentation, String recording) {
        this.instrumentation = instrumentation;
        this.recording = recording;
    }

    /** Watches the recording; false, watching nothing, when it is not running. */
    static boolean watch(Instrumentation instrumentation, String recording) {
        RecordingWatch watch = new RecordingWatch(instrumentation, recording);
        FlightRecorder.addListener(watch);
        boolean running = FlightRecorder.getFlightRecorder().getRecordings().stream()
                .anyMatch(r -> r.getName().equals(recording) && r.getState() == RecordingState.RUNNING);
        if (!running) {
            FlightRecorder.removeListener(watch);
        }
        return running;
    }

    @Override
    public void recordingStateChanged(Recording changed) {
        RecordingState state = changed.getState();
        if (changed.getName().equals(recording) && (state == RecordingState.STOPPED || state == RecordingState.CLOSED)
                && ended.compareAndSet(false, true)) {
            // Off JFR's thread, which is stopping the recording: retransforming classes takes a moment.
            Thread remover = new Thread(this::remove, "allocrec-agent-remove-scopes");
            remover.setDaemon(true);
            remover.start();
        }
    }

    private void remove() {
        FlightRecorder.removeListener(this);
        try {
            if (InstalledScopes.removeFor(instrumentation, recording)) {
                AllocrecAgent.log("scopes taken out: recording " + recording + " ended");
            }
        } catch (RuntimeException | LinkageError e) {
            AllocrecAgent.log("could not take the scopes out after recording " + recording + ": " + e);
        }
    }
}

package com.example;

import io.allocrec.recorder.AllocationScope;
import java.nio.file.Files;
import java.nio.file.Path;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/** Opens a scope the way an application would, with and without a recording, and checks both. */
public final class EmbeddedScope {

    public static void main(String[] args) throws Exception {
        AllocationScope measured = AllocationScope.measure("without a recording");
        try (measured) {
            sink = new byte[1_000_000];
        }
        require(measured.allocatedBytes() >= 1_000_000, "measure() without JFR: " + measured.allocatedBytes());

        Path file = Files.createTempFile("embedded-scope", ".jfr");
        try (Recording recording = new Recording()) {
            recording.enable("allocrec.Scenario");
            recording.start();
            try (AllocationScope scope = AllocationScope.open("GET /orders")) {
                sink = new byte[500_000];
            }
            recording.stop();
            recording.dump(file);
        }
        long recorded = -1;
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            if (event.getEventType().getName().equals("allocrec.Scenario")) {
                recorded = event.getLong("allocatedBytes");
            }
        }
        Files.delete(file);
        require(recorded >= 500_000, "allocrec.Scenario event with allocatedBytes: " + recorded);
        System.out.println("embedded-scope: measure() " + measured.allocatedBytes() + " B, recorded scope "
                + recorded + " B: OK");
    }

    static byte[] sink;

    private static void require(boolean condition, String what) {
        if (!condition) {
            System.err.println("embedded-scope: FAILED: " + what);
            System.exit(1);
        }
    }
}

package io.allocrec.analyzer;

import io.allocrec.harness.JfrSettings;
import java.nio.file.Path;
import java.util.function.Consumer;
import jdk.jfr.Recording;

/** Makes real recordings in tests, with the benchmark profile the harness uses. */
public final class TestRecordings {

    private TestRecordings() {
    }

    /** Something to run while recording. */
    @FunctionalInterface
    public interface Body {
        void run() throws Exception;
    }

    /** Runs {@code body} under a recording with profiles/allocation.jfc and writes it to {@code file}. */
    public static Path record(Path file, Body body) throws Exception {
        return record(file, recording -> {
        }, body);
    }

    /**
     * As {@link #record(Path, Body)}, with the profile's settings changed first, for example
     * {@code recording.enable("jdk.ObjectAllocationSample").withoutStackTrace()}.
     */
    public static Path record(Path file, Consumer<Recording> settings, Body body) throws Exception {
        try (Recording recording = new Recording(JfrSettings.bundled("allocation.jfc"))) {
            settings.accept(recording);
            recording.start();
            body.run();
            recording.stop();
            recording.dump(file);
        }
        return file;
    }

    /** A recording with no allocrec events at all. */
    public static Path recordWithoutScopes(Path file) throws Exception {
        return record(file, () -> {
            byte[][] garbage = new byte[1000][];
            for (int i = 0; i < garbage.length; i++) {
                garbage[i] = new byte[1000];
            }
        });
    }
}

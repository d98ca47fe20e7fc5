package io.allocrec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code allocrec record} started from a plain JVM (as {@code java -jar allocrec.jar} is) runs
 * in a JVM with the pom's options: the recording's own jdk.JVMInformation event says which.
 */
class CommandJvmForkTest {

    @TempDir
    Path folder;

    @Test
    void recordRunsInAJvmWithItsOwnOptions() throws Exception {
        Path recording = folder.resolve("small.jfr");
        Process allocrec = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "record", "--out", recording.toString(), "--scenarios", "vec-pair", "--sizes", "10")
                .redirectErrorStream(true).start();
        allocrec.getOutputStream().close();
        String output = new String(allocrec.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(allocrec.waitFor(120, TimeUnit.SECONDS), output);
        assertEquals(0, allocrec.exitValue(), output);

        List<RecordedEvent> information = RecordingFile.readAllEvents(recording).stream()
                .filter(event -> event.getEventType().getName().equals("jdk.JVMInformation"))
                .toList();
        assertTrue(!information.isEmpty(), "allocation.jfc records jdk.JVMInformation");
        String arguments = information.get(0).getString("jvmArguments");
        for (String option : System.getProperty("allocrec.record.jvm").split(" ")) {
            assertTrue(arguments.contains(option), option + " missing from " + arguments);
        }
        assertTrue(arguments.contains("-Dallocrec.jvm=record"), arguments);
        assertTrue(output.contains("PS MarkSweep") && !output.contains("warning"), output);
    }
}

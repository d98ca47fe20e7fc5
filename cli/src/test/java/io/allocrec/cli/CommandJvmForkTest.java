package io.allocrec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code allocrec record} and {@code report} started from a plain JVM (as {@code java -jar
 * allocrec.jar} is) run in a JVM with the pom's options: the recording's own jdk.JVMInformation
 * event says which, and report draws its charts whatever the DISPLAY.
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

    @Test
    void reportDrawsItsChartsWhenTheDisplayCannotBeReached() throws Exception {
        // Java2D connects to the X server named by DISPLAY unless headless: over a dead ssh -X
        // session report used to die with an AWTError and a stack trace.
        Path out = folder.resolve("report");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "report", Path.of("../analyzer/src/test/resources/recordings/jdk17-openjdk-17.0.2.jfr.gz").toString(),
                "--scope-event", "jdk.ThreadPark", "--out", out.toString())
                .redirectErrorStream(true);
        builder.environment().put("DISPLAY", "unreachable.invalid:99");
        Process allocrec = builder.start();
        allocrec.getOutputStream().close();
        String output = new String(allocrec.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(allocrec.waitFor(120, TimeUnit.SECONDS), output);
        assertEquals(0, allocrec.exitValue(), output);
        assertTrue(Files.size(out.resolve("scopes.png")) > 1000, output);
    }
}

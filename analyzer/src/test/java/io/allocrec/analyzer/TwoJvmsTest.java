package io.allocrec.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two JVMs recorded at the same time, reported together: a thread is the same thread only within
 * one JVM, so the busy JVM's main thread must not lend its samples to the idle JVM's main thread
 * (both are Java thread 1). Once, the idle scope was reported with 51 GB sampled.
 */
class TwoJvmsTest {

    @TempDir
    Path folder;

    @Test
    void samplesOfOneJvmNeverLandInAnotherJvmsScopes() throws Exception {
        List<Process> jvms = new ArrayList<>();
        for (String mode : List.of("busy", "idle")) {
            jvms.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TLABSize=1m", "-XX:-ResizeTLAB",
                    "-XX:StartFlightRecording:filename=" + folder.resolve(mode + ".jfr") + ",settings="
                            + Path.of("..", "profiles", "allocation.jfc"),
                    "-cp", System.getProperty("java.class.path"), TwoJvmsWorkload.class.getName(), mode)
                    .redirectErrorStream(true).redirectOutput(folder.resolve(mode + ".log").toFile()).start());
            // The busy JVM's recording starts first, so it is read first and its thread's state is
            // what the idle JVM's main thread would inherit if JVMs were not told apart.
            Thread.sleep(500);
        }
        for (Process jvm : jvms) {
            assertTrue(jvm.waitFor(120, TimeUnit.SECONDS), "a workload JVM did not finish");
            assertEquals(0, jvm.exitValue(), Files.readString(folder.resolve("busy.log")));
        }
        Path out = folder.resolve("report");
        ReportRun run = ReportRun.of("report", folder.resolve("busy.jfr").toString(), folder.resolve("idle.jfr").toString(),
                "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        CsvRows rows = CsvRows.read(out.resolve("scenarios.csv"));
        CSVRecord idle = rows.only("idle");
        CSVRecord busy = rows.only("busy");
        assertEquals("main", idle.get("thread"));
        assertEquals("main", busy.get("thread"));
        assertEquals("0", idle.get("samples"), idle.toString());
        long idleExact = CsvRows.bytes(idle, "allocated_bytes");
        assertTrue(CsvRows.bytes(idle, "sampled_bytes_low") <= idleExact, idle.toString());
        assertTrue(CsvRows.bytes(idle, "sampled_bytes") < 2 << 20, "at most a TLAB or two: " + idle);
        long busyExact = CsvRows.bytes(busy, "allocated_bytes");
        assertTrue(Math.abs(CsvRows.bytes(busy, "sampled_bytes") - busyExact) <= 0.1 * busyExact, busy.toString());
    }
}

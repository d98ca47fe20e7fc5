package io.allocrec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.allocrec.attach.AgentJar;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jol.info.GraphLayout;

/**
 * {@code -javaagent:allocrec-agent.jar=scopes=...,names=signature} from start-up, in an application
 * that also has a scope in its own code: each overload is a scope of its own, and each figure is the
 * size JOL gives the array the call allocates.
 */
class AgentAtStartTest {

    @TempDir
    Path folder;

    @Test
    void agentScopesAndScopesInCodeLiveSideBySide() throws Exception {
        Path recording = folder.resolve("start.jfr");
        String app = CodeAndAgentScopes.class.getName();
        Process process = new ProcessBuilder(TargetJvm.currentJava().toString(),
                "-javaagent:" + AgentJar.locate() + "=scopes=" + app + "::handle,names=signature",
                "-XX:StartFlightRecording:filename=" + recording + ",settings=" + Path.of("..", "profiles", "allocation.jfc"),
                "-cp", System.getProperty("java.class.path"), app)
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), output);
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("allocrec agent: scopes in place for " + app + "::handle"), output);

        Path report = folder.resolve("report");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), "report", recording.toString(), "--out", report.toString());
        assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));
        Map<String, CSVRecord> scopes = new HashMap<>();
        try (Reader in = Files.newBufferedReader(report.resolve("scopes.csv"))) {
            CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)
                    .forEach(row -> scopes.put(row.get("scope"), row));
        }
        assertScope(scopes, "in code", CodeAndAgentScopes.CODE_BYTES);
        assertScope(scopes, app + "::handle(int)", CodeAndAgentScopes.INT_BYTES);
        assertScope(scopes, app + "::handle(java.lang.String)", CodeAndAgentScopes.STRING_BYTES);
    }

    private static void assertScope(Map<String, CSVRecord> scopes, String name, int arrayLength) {
        CSVRecord row = scopes.get(name);
        assertTrue(row != null, name + " missing from " + scopes.keySet());
        assertEquals(CodeAndAgentScopes.CALLS, Long.parseLong(row.get("exact_calls")), name);
        long jol = GraphLayout.parseInstance(new byte[arrayLength]).totalSize();
        assertEquals(jol, Long.parseLong(row.get("allocated_bytes_mean")), name);
        assertEquals(jol, Long.parseLong(row.get("allocated_bytes_p99")), name);
    }
}

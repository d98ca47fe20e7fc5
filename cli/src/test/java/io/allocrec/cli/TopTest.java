package io.allocrec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.allocrec.attach.AttachedJvm;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code allocrec top PID --scope ...} against a JVM of the test's own, whose methods allocate
 * known bytes and count their own calls per tenth of a second: top puts the agent's scopes in, each
 * name's exact mean is the application's own, its calls are what the application counted in top's
 * window (give or take a tenth of a second at each edge), and the scopes and the recording are gone
 * when top ends.
 */
class TopTest {

    private static final String WORK = KnownAllocations.WORK;
    private static final List<String> CHECKED = List.of(WORK + "::fixed", WORK + "::twoArrays", WORK + "::failing",
            KnownAllocations.BUFFER + "::<init>");
    private static final Pattern SCOPE = Pattern.compile("\\{\"name\":\"([^\"]+)\",\"calls\":(\\d+),"
            + "\"calls_per_second\":([0-9.]+),\"figures\":\"(\\w+)\",\"bytes_per_second\":[0-9.]+,"
            + "\"mean_bytes_per_call\":(\\d+),[^}]*\"exact_p99_bytes_per_call\":(\\d+)");
    private static final Pattern WINDOW = Pattern.compile("\"from\":\"([^\"]+)\",\"to\":\"([^\"]+)\",\"seconds\":(\\d+)");

    @TempDir
    Path folder;

    @Test
    void topGivesEachScopesExactBytesAndTheCallsTheApplicationMadeInTheWindow() throws Exception {
        String scopes = String.join(";", CHECKED);
        try (TargetJvm target = TargetJvm.start(TargetJvm.currentJava(), folder, List.of())) {
            CliRun run = CliRun.of("top", Long.toString(target.pid()), "--once", "--window", "3s", "--json",
                    "--scope", scopes);
            assertEquals(0, run.exit(), run.err());
            assertTrue(run.err().contains("one window shown (--once); stopped recording allocrec-top-"), run.err());

            Matcher window = WINDOW.matcher(run.out());
            assertTrue(window.find(), run.out());
            long from = Instant.parse(window.group(1)).toEpochMilli();
            long to = Instant.parse(window.group(2)).toEpochMilli();
            assertEquals(3, Long.parseLong(window.group(3)));
            Map<String, Long> inner = target.callsBetween(from + 100, to - 100);
            Map<String, Long> outer = target.callsBetween(from - 100, to + 100);
            Map<String, TargetJvm.Figure> own = target.figures();

            Map<String, MatchResult> rows = new HashMap<>();
            Matcher scope = SCOPE.matcher(run.out());
            while (scope.find()) {
                rows.put(scope.group(1).replace("\\u003c", "<").replace("\\u003e", ">"), scope.toMatchResult());
            }
            for (String name : CHECKED) {
                MatchResult row = rows.get(name);
                assertTrue(row != null, name + " missing from " + run.out());
                long calls = Long.parseLong(row.group(2));
                assertTrue(inner.get(name) <= calls && calls <= outer.get(name), name + ": top counted " + calls
                        + " calls; the application, " + inner.get(name) + " to " + outer.get(name) + " in the window");
                assertEquals(calls / 3.0, Double.parseDouble(row.group(3)), 0.001, name + ": calls per second");
                assertEquals("exact", row.group(4), name);
                assertEquals(own.get(name).meanBytes(), Long.parseLong(row.group(5)), name + ": exact mean bytes per call");
                assertEquals(own.get(name).meanBytes(), Long.parseLong(row.group(6)), name + ": every call the same");
            }
            assertEquals(0, own.get("wrong").calls(), "the application computes what it did before");
            try (AttachedJvm jvm = AttachedJvm.attach(target.pid())) {
                assertFalse(jvm.jcmd("JFR.check").contains("allocrec-top-"), "top's recording is stopped");
                assertNull(jvm.systemProperty("allocrec.agent.scopes"), "the agent's scopes are taken out");
            }
        }
    }

    @Test
    void aJvmWithoutTheScopeEventIsOneLineAndExitCodeFour() throws Exception {
        try (TargetJvm target = TargetJvm.start(TargetJvm.currentJava(), folder, List.of())) {
            CliRun run = CliRun.of("top", Long.toString(target.pid()), "--once", "--window", "1s", "--scope-event",
                    "com.nowhere.Span");
            assertEquals(4, run.exit(), run.err());
            assertTrue(run.err().startsWith("allocrec top: stopped: JVM " + target.pid() + " has no com.nowhere.Span events"),
                    run.err());
            assertEquals(1, run.err().lines().count(), run.err());
            try (AttachedJvm jvm = AttachedJvm.attach(target.pid())) {
                assertFalse(jvm.jcmd("JFR.check").contains("allocrec-top-"), "top's recording is stopped");
            }
        }
    }

    @Test
    void aProcessThatIsNotRunningIsExitCodeEight() throws Exception {
        Process finished = new ProcessBuilder("true").start();
        finished.waitFor();
        CliRun run = CliRun.of("top", Long.toString(finished.pid()), "--once");
        assertEquals(8, run.exit(), run.err());
        assertEquals("allocrec top: no process " + finished.pid() + " is running on this machine", run.err().strip());
    }
}

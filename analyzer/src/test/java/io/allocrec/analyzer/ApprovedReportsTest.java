package io.allocrec.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Approved outputs, as JMC keeps a printout per recording: for each checked-in public recording,
 * the report's {@code report.json} and {@code scopes.csv} are kept beside it
 * ({@code recordings/NAME.report.json}, {@code recordings/NAME.scopes.csv}), and any change in
 * any figure fails here, so that it is seen in review. The other tests check the figures against
 * independent references; this one holds them still. After a change meant to alter the figures,
 * {@code mvn -pl analyzer test -Dtest=ApprovedReportsTest -Dallocrec.approve=true} writes the new
 * outputs over the approved ones, for the diff to show.
 */
class ApprovedReportsTest {

    private static final Path APPROVED = Path.of("src/test/resources/recordings");

    @TempDir
    Path folder;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "jdk7-oracle-7u76.jfr.gz,                          jdk.JavaMonitorWait",
        "jdk8-oracle-8u40.jfr.gz,                          jdk.ThreadPark",
        "jdk8-oracle-8u40.jfr.zip,                         jdk.ThreadPark", // the same recording: the same outputs
        "jdk11-openjdk-11.0.16.jfr.gz,                     jdk.ThreadPark",
        "jdk17-openjdk-17.0.2.jfr.gz,                      jdk.ThreadPark",
        "jdk21-zulu-21.0.4.jfr.gz,                         jdk.ThreadPark",
        "async-profiler-2.8-jdk17.jfr.gz,                  jdk.JavaMonitorEnter",
        "async-profiler-3.0-jfrsync-jdk17-3chunks.jfr.gz,  profiler.WallClockSleeping",
    })
    void reportIsTheApprovedOne(String file, String scopeType) throws IOException {
        Path recording = folder.resolve(file);
        try (InputStream in = ApprovedReportsTest.class.getResourceAsStream("/recordings/" + file)) {
            Files.copy(in, recording);
        }
        Path out = folder.resolve("report");
        ReportRun run = ReportRun.of("report", recording.toString(), "--scope-event", scopeType, "--group-by", "name",
                "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        String name = file.substring(0, file.indexOf(".jfr"));
        for (String output : new String[] {"report.json", "scopes.csv"}) {
            String actual = Files.readString(out.resolve(output), StandardCharsets.UTF_8);
            String approvedName = name + "." + output;
            if (Boolean.getBoolean("allocrec.approve")) {
                Files.writeString(APPROVED.resolve(approvedName), actual, StandardCharsets.UTF_8);
            }
            try (InputStream approved = ApprovedReportsTest.class.getResourceAsStream("/recordings/" + approvedName)) {
                assertEquals(approved == null ? "(no approved " + approvedName + ")"
                                : new String(approved.readAllBytes(), StandardCharsets.UTF_8), actual,
                        file + ": " + output + " differs from the approved " + approvedName);
            }
        }
    }
}

package io.allocrec.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import jdk.jfr.Configuration;
import org.junit.jupiter.api.Test;

/** Both profiles load with the JDK's own parser and say what the README promises. */
class ProfilesTest {

    private static final Path PROFILES = Path.of("..", "profiles");

    @Test
    void allocationProfileSamplesEveryTlabWithStacksAndRecordsEveryScenario() throws Exception {
        Map<String, String> settings = Configuration.create(PROFILES.resolve("allocation.jfc")).getSettings();
        assertEquals("true", settings.get("jdk.ObjectAllocationSample#enabled"));
        assertEquals("off", settings.get("jdk.ObjectAllocationSample#throttle"));
        assertEquals("true", settings.get("jdk.ObjectAllocationSample#stackTrace"));
        assertEquals("true", settings.get("jdk.GCHeapSummary#enabled"));
        assertEquals("true", settings.get("jdk.GCPhasePause#enabled"));
        assertEquals("true", settings.get("allocrec.Scenario#enabled"));
        assertEquals("0 ms", settings.get("allocrec.Scenario#threshold"));
        assertEquals("true", settings.get("allocrec.Breakdown#enabled"));
        assertEquals("true", settings.get("allocrec.Timing#enabled"));
        assertEquals("0 ms", settings.get("allocrec.Timing#threshold"));
        assertEquals("true", settings.get("jdk.DataLoss#enabled"), "report warns of what JFR dropped");
    }

    @Test
    void productionProfileThrottlesSamplesAndRecordsScopes() throws Exception {
        Map<String, String> settings = Configuration.create(PROFILES.resolve("production.jfc")).getSettings();
        assertEquals("true", settings.get("allocrec.Scenario#enabled"));
        assertEquals("150/s", settings.get("jdk.ObjectAllocationSample#throttle"));
        assertEquals("true", settings.get("jdk.GCPhasePause#enabled"));
        assertEquals("true", settings.get("jdk.ThreadStart#enabled"));
        assertEquals("true", settings.get("jdk.DataLoss#enabled"), "report warns of what JFR dropped");
        assertNotEquals("true", settings.get("jdk.ObjectAllocationInNewTLAB#enabled"));
        // Left to the JDK's default.jfc (give both files to have them): they cost the example
        // service 1.4% to 2.7% of its throughput, this profile no measurable amount (docs/production.md,
        // "Example: scopes in a service").
        for (String perOperation : List.of("jdk.ExecutionSample", "jdk.NativeMethodSample", "jdk.ThreadPark",
                "jdk.JavaMonitorEnter", "jdk.JavaMonitorWait", "jdk.SocketRead", "jdk.SocketWrite", "jdk.FileRead",
                "jdk.FileWrite", "jdk.OldObjectSample")) {
            assertNotEquals("true", settings.get(perOperation + "#enabled"), perOperation);
        }
    }
}

package io.allocrec.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** How {@link LiveTally} counts calls into seconds and gives each sample to the innermost scope of its thread. */
class LiveTallyTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long T0 = 1_700_000_000L * SECOND;

    @Test
    void aSampleBelongsToTheInnermostScopeRunningOnItsThread() {
        LiveTally tally = new LiveTally(3);
        tally.startAt(T0 - 1);
        // Thread 1: outer from 0.1 s to 0.9 s, inner from 0.2 to 0.4; samples at 0.3 (inner), 0.5 (outer).
        tally.sample(1, T0 + 300_000_000L, 1000);
        tally.scope("inner", 1, T0 + 200_000_000L, T0 + 400_000_000L, 64);
        tally.sample(1, T0 + 500_000_000L, 2000);
        // Thread 2 takes a sample at the same time, outside any scope of its own.
        tally.sample(2, T0 + 500_000_000L, 4000);
        tally.scope("outer", 1, T0 + 100_000_000L, T0 + 900_000_000L, 128);
        tally.sample(1, T0 + SECOND + 1, 8000);

        LiveTally.Window window = tally.window(3);
        assertEquals(1, window.seconds());
        Map<String, ScopeRate> rates = window.scopes().stream().collect(Collectors.toMap(ScopeRate::name, Function.identity()));
        assertEquals(1000, rates.get("inner").sampledWeight());
        assertEquals(2000, rates.get("outer").sampledWeight());
        assertEquals(64, rates.get("inner").exactBytes());
        assertEquals(128, rates.get("outer").meanBytesPerCall());
        assertEquals(7000, window.jvmSampledWeight(), "every sample of the second, in scopes or not");
    }

    @Test
    void theWindowHoldsOnlyWholeSecondsAndTheLastWindowSeconds() {
        LiveTally tally = new LiveTally(2);
        tally.startAt(T0 - 1);
        assertNull(tally.window(2), "no second is complete yet");
        for (int second = 0; second < 5; second++) {
            for (int call = 0; call <= second; call++) {
                long end = T0 + second * SECOND + call * 1000L;
                tally.scope("work", 7, end - 500, end, 100);
            }
        }
        // Seconds 0..4 have 1..5 calls; second 4 is the newest, not complete: the window is seconds 2 and 3.
        ScopeRate work = tally.window(2).scopes().get(0);
        assertEquals(2, work.seconds());
        assertEquals(3 + 4, work.calls());
        assertEquals(3.5, work.callsPerSecond());
        assertEquals(100 * 7, work.exactBytes());
    }

    @Test
    void aNameWithoutExactBytesIsSampled() {
        LiveTally tally = new LiveTally(1);
        tally.startAt(T0 - 1);
        tally.sample(3, T0 + 10, 5000);
        tally.scope("span", 3, T0, T0 + 20, -1);
        tally.scope("span", 3, T0 + 30, T0 + 40, -1);
        tally.sample(3, T0 + SECOND + 1, 1);
        ScopeRate span = tally.window(1).scopes().get(0);
        assertEquals(false, span.isExact());
        assertEquals(2500, span.meanBytesPerCall(), "the landed weight per call");
        assertEquals(1.96, span.sampledRelativeHalfWidth(), 1e-9);
    }
}

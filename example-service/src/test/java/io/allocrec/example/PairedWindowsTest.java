package io.allocrec.example;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PairedWindowsTest {

    @Test
    void onWindowsAreComparedWithTheMeanOfTheirNeighboursAndNoWindowTwice() {
        // Throughput drifts up by 20 requests/s per window; the recording costs 5% of it.
        List<Window> windows = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            double rate = 1_000 + 20 * i;
            boolean on = i % 2 == 1;
            windows.add(window(on, i, on ? rate * 0.95 : rate));
        }
        double[] changes = PairedWindows.changes(windows, Window::requestsPerSecond);
        // A linear drift cancels in the mean of the windows either side: exactly -5% each time.
        // Windows 1 and 5 are compared; window 3 is not, as its neighbours 2 and 4 would then be
        // in two comparisons each, and the comparisons no longer independent.
        assertArrayEquals(new double[] {-0.05, -0.05}, changes, 1e-12);
    }

    @Test
    void onWindowsWithoutAnOffWindowOnBothSidesAreLeftOut() {
        List<Window> windows = List.of(window(true, 0, 90), window(false, 1, 100), window(true, 2, 99),
                window(false, 3, 100), window(true, 4, 80));
        assertArrayEquals(new double[] {-0.01}, PairedWindows.changes(windows, Window::requestsPerSecond), 1e-12);
    }

    @Test
    void theIntervalIsTheSignTestOne() {
        // Published 95% ranks for the median (binomial, p = 1/2): n = 10 -> 2nd and 9th,
        // n = 23 -> 7th and 17th, n = 6 -> 1st and 6th (exactly 96.9%).
        assertInterval(10, 2, 9);
        assertInterval(23, 7, 17);
        assertInterval(6, 1, 6);
        assertTrue(PairedWindows.median(new double[] {1, 2, 3, 4, 5}).isEmpty(), "too few for 95%");
    }

    private static void assertInterval(int n, int lowRank, int highRank) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = n - i; // ranks 1..n, given in reverse order
        }
        PairedWindows.Change change = PairedWindows.median(values).orElseThrow();
        assertEquals(lowRank, change.low(), "low rank for n=" + n);
        assertEquals(highRank, change.high(), "high rank for n=" + n);
        assertEquals((n + 1) / 2.0, change.median());
        assertEquals(n, change.pairs());
    }

    @Test
    void windowLinesAreReadBack() {
        Window window = Window.parse("window on 12500 2000345678 13012 1980000000").orElseThrow();
        assertEquals(new Window(true, 12_500, 2_000_345_678L, 13_012, 1_980_000_000L), window);
        assertEquals(13_012 / 2.000345678, window.requestsPerSecond(), 1e-9);
        assertEquals(1_980_000_000 / 1_000.0 / 13_012, window.cpuMicrosPerRequest(), 1e-9);
        assertTrue(Window.parse("listening on 8080").isEmpty());
    }

    /** A window of one second at {@code rate} requests/s and 100 us of CPU a request. */
    private static Window window(boolean on, int index, double rate) {
        long requests = Math.round(rate);
        return new Window(on, index * 1_000L, 1_000_000_000L, requests, requests * 100_000L);
    }
}

package io.allocrec.analyzer.cli;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A progress line on stderr while a recording is read, for runs longer than a second on a
 * terminal: the share of the recording's bytes parsed so far and an estimate of the time left
 * (from the rate so far), rewritten in place. Silent when stderr is not a terminal (scripts,
 * CI), so logs hold no carriage-return clutter.
 */
final class ProgressLine implements AutoCloseable {

    private static final long FIRST_AFTER_MILLIS = 1000;
    private static final long EVERY_MILLIS = 500;

    private final Thread ticker;
    private volatile boolean printed;

    private ProgressLine(PrintStream err, String command, AtomicLong bytesRead, long totalBytes) {
        long started = System.nanoTime();
        ticker = new Thread(() -> {
            try {
                Thread.sleep(FIRST_AFTER_MILLIS);
                while (!Thread.currentThread().isInterrupted()) {
                    double seconds = (System.nanoTime() - started) / 1e9;
                    long done = bytesRead.get();
                    double fraction = totalBytes > 0 ? Math.min(1, done / (double) totalBytes) : 0;
                    String left = fraction > 0.01 ? String.format(java.util.Locale.ROOT, ", about %.0f s left",
                            seconds * (1 - fraction) / fraction) : "";
                    err.printf(java.util.Locale.ROOT, "\rallocrec %s: read %,d of %,d MB (%.0f%%) in %.0f s%s   ",
                            command, done >> 20, totalBytes >> 20, 100 * fraction, seconds, left);
                    err.flush();
                    printed = true;
                    Thread.sleep(EVERY_MILLIS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "allocrec-progress");
        ticker.setDaemon(true);
    }

    /** Starts a progress line if {@code err} is the process's stderr and that is a terminal. */
    static ProgressLine start(PrintStream err, String command, AtomicLong bytesRead, long totalBytes) {
        ProgressLine line = new ProgressLine(err, command, bytesRead, totalBytes);
        if (err == System.err && System.console() != null) {
            line.ticker.start();
        }
        return line;
    }

    /** Stops the line and clears it, so the next output starts on a clean line. */
    @Override
    public void close() {
        ticker.interrupt();
        try {
            ticker.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (printed) {
            System.err.print("\r" + " ".repeat(90) + "\r");
            System.err.flush();
        }
    }
}

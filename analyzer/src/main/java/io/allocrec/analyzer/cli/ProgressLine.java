package io.allocrec.analyzer.cli;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A progress line on stderr while a recording is read, for runs longer than a second on a
 * terminal: the count of events parsed so far, rewritten in place. Silent when stderr is not a
 * terminal (scripts, CI), so logs hold no carriage-return clutter.
 */
final class ProgressLine implements AutoCloseable {

    private static final long FIRST_AFTER_MILLIS = 1000;
    private static final long EVERY_MILLIS = 500;

    private final Thread ticker;
    private volatile boolean printed;

    private ProgressLine(PrintStream err, AtomicLong events) {
        long started = System.nanoTime();
        ticker = new Thread(() -> {
            try {
                Thread.sleep(FIRST_AFTER_MILLIS);
                while (!Thread.currentThread().isInterrupted()) {
                    err.printf("\rallocrec report: reading... %,d events in %.0f s ", events.get(),
                            (System.nanoTime() - started) / 1e9);
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
    static ProgressLine start(PrintStream err, AtomicLong events) {
        ProgressLine line = new ProgressLine(err, events);
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
            System.err.print("\r" + " ".repeat(70) + "\r");
            System.err.flush();
        }
    }
}

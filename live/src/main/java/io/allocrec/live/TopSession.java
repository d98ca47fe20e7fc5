package io.allocrec.live;

import io.allocrec.agent.ScopeFilter;
import io.allocrec.analyzer.load.ScopeSelection;
import io.allocrec.attach.AttachProblem;
import io.allocrec.exit.ExitCodes;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import jdk.jfr.EventType;
import jdk.jfr.consumer.EventStream;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;

/**
 * One run of {@code allocrec top}: the JVM's repository streamed with the JDK's own
 * {@link EventStream}, counted by {@link LiveTally}, shown every interval, until {@code q}, Ctrl-C,
 * the JVM's exit or (with {@code --once}) the first full window. However it ends, top's recording
 * is stopped and the terminal put back before the one line that says how it ended.
 */
final class TopSession {

    /** What {@code top} was asked to do. */
    record Request(long pid, ScopeSelection scopes, List<ScopeFilter> filters, boolean signatures, Duration interval,
                   int windowSeconds, TopSort sort, int rows, boolean once, boolean json) {
    }

    private static final long JVM_POLL_MILLIS = 250;
    /** A scope whose name the recording does not hold (JFR can lose a string at a chunk's start). */
    static final String UNNAMED = "(no name in the recording)";
    /** With --once, how long past the window top waits for the JVM's first events before it gives up. */
    private static final Duration FIRST_EVENTS_WAIT = Duration.ofSeconds(20);

    private final Request request;
    private final PrintStream out;
    private final PrintStream err;
    private final LiveTally tally;
    private final CompletableFuture<Ending> ending = new CompletableFuture<>();
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private TopTable table;
    private boolean interactive;
    private Terminal.Size terminalSize = Terminal.Size.DEFAULT;
    private long lastShownNanos;
    private boolean typesChecked;

    private TopSession(Request request, PrintStream out, PrintStream err) {
        this.request = request;
        this.out = out;
        this.err = err;
        this.tally = new LiveTally(request.windowSeconds());
    }

    /** Runs top; a failure is one line on {@code err}. @return the exit code */
    static int run(Request request, PrintStream out, PrintStream err) {
        return new TopSession(request, out, err).run();
    }

    /** How a run ended, and the exit code and words for it. */
    private record Ending(int exitCode, String words) {
    }

    private int run() {
        Thread onInterrupt = new Thread(() -> {
            ending.complete(new Ending(0, "stopped (Ctrl-C)"));
            finished.orTimeout(30, TimeUnit.SECONDS).exceptionally(e -> null).join();
        }, "allocrec-top-stop");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        Terminal terminal = new Terminal();
        interactive = !request.json() && !request.once() && Terminal.isInteractive();
        try (WatchedJvm jvm = WatchedJvm.start(request.pid(), request.scopes(), request.filters(), request.signatures(),
                err)) {
            table = new TopTable(jvm.pid(), "Java " + (jvm.javaVersion() == 0 ? "?" : jvm.javaVersion()));
            if (interactive) {
                terminalSize = Terminal.size();
                if (terminal.enterKeyMode()) {
                    watchKeys();
                }
            }
            Ending ended = stream(jvm, Instant.now());
            boolean stopped = jvm.stopRecording();
            terminal.restore();
            err.println("allocrec top: " + ended.words() + "; " + (stopped ? "stopped recording " + jvm.recording()
                    + " in JVM " + jvm.pid() + ", which is as it was found" : "JVM " + jvm.pid() + " is gone, and its "
                    + "recording with it"));
            return ended.exitCode();
        } catch (AttachProblem e) {
            err.println("allocrec top: " + e.getMessage());
            return e.exitCode();
        } catch (IOException e) {
            err.println("allocrec top: cannot read the events of JVM " + request.pid() + ": " + e.getMessage());
            return ExitCodes.REFUSED;
        } finally {
            terminal.restore();
            finished.complete(null);
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running, and has just been let go.
            }
        }
    }

    private Ending stream(WatchedJvm jvm, Instant start) throws IOException {
        tally.startAt(nanos(start));
        try (EventStream stream = EventStream.openRepository(jvm.repository())) {
            stream.setStartTime(start);
            String scopeType = request.scopes().eventType();
            stream.onMetadata(metadata -> checkTypes(metadata.getEventTypes()));
            stream.onEvent(scopeType, this::onScope);
            stream.onEvent(TopSettings.SAMPLE_TYPE, this::onSample);
            stream.onFlush(this::onFlush);
            stream.onError(e -> ending.complete(new Ending(ExitCodes.REFUSED, "stopped: reading the events of JVM "
                    + jvm.pid() + " failed: " + e)));
            stream.startAsync();
            watchJvm(jvm);
            return awaitEnding();
        }
    }

    private Ending awaitEnding() {
        try {
            if (request.once()) {
                long limit = request.windowSeconds() + 2 + FIRST_EVENTS_WAIT.toSeconds();
                return ending.get(limit, TimeUnit.SECONDS);
            }
            return ending.get();
        } catch (TimeoutException e) {
            return new Ending(ExitCodes.REFUSED, "stopped: JVM " + request.pid() + " wrote no events to its "
                    + "repository within " + (request.windowSeconds() + 2 + FIRST_EVENTS_WAIT.toSeconds()) + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Ending(0, "stopped (interrupted)");
        } catch (java.util.concurrent.ExecutionException e) {
            return new Ending(1, "stopped: " + e.getCause());
        }
    }

    private void checkTypes(List<EventType> types) {
        if (typesChecked) {
            return;
        }
        typesChecked = true;
        String wanted = request.scopes().eventType();
        EventType type = types.stream().filter(t -> t.getName().equals(wanted)).findFirst().orElse(null);
        if (type == null) {
            ending.complete(new Ending(ExitCodes.MISSING_EVENTS, "stopped: JVM " + request.pid() + " has no " + wanted + " events "
                    + (request.scopes().isScenarioEvent() ? "(no AllocationScope in its code, no scopes by the agent: "
                    + "give the method names to record --pid --scope, or name a duration event with --scope-event)"
                    : "(its class is not loaded; allocrec report lists the duration event types a recording has)")));
        } else if (request.scopes().labelField() != null && type.getField(request.scopes().labelField()) == null) {
            ending.complete(new Ending(ExitCodes.MISSING_EVENTS, "stopped: " + wanted + " has no field '"
                    + request.scopes().labelField() + "' to name scopes by"));
        }
    }

    private void onScope(RecordedEvent event) {
        String label = request.scopes().labelField();
        Object name = label == null ? request.scopes().eventType() : event.getValue(label);
        if (name == null) {
            name = UNNAMED;
        }
        long exact = request.scopes().isScenarioEvent() ? event.getLong("allocatedBytes") : -1;
        tally.scope(String.valueOf(name), threadId(event), nanos(event.getStartTime()), nanos(event.getEndTime()), exact);
    }

    private void onSample(RecordedEvent event) {
        tally.sample(threadId(event), nanos(event.getStartTime()), event.getLong("weight"));
    }

    private void onFlush() {
        tally.forgetOld();
        long now = System.nanoTime();
        if (request.once()) {
            if (tally.completeSeconds(request.windowSeconds()) == request.windowSeconds()) {
                show(tally.window(request.windowSeconds()));
                ending.complete(new Ending(0, "one window shown (--once)"));
            }
            return;
        }
        if (now - lastShownNanos >= request.interval().toNanos()) {
            LiveTally.Window window = tally.window(request.windowSeconds());
            if (window != null) {
                show(window);
                lastShownNanos = now;
            }
        }
    }

    private void show(LiveTally.Window window) {
        List<ScopeRate> sorted = window.scopes().stream().sorted(request.sort().order()).toList();
        if (request.json()) {
            out.println(TopJson.render(request.pid(), window, sorted));
        } else if (interactive) {
            int rows = request.rows() > 0 ? request.rows() : Math.max(1, terminalSize.rows() - TopTable.HEADER_LINES - 2);
            out.print(Terminal.clearScreen() + table.render(window, sorted, rows, false, terminalSize.columns())
                    + "(q quits)\n");
        } else {
            out.print(table.render(window, sorted, request.rows() > 0 ? request.rows() : Integer.MAX_VALUE, true, 0));
            out.println();
        }
        out.flush();
    }

    /** Ends the run when the JVM exits: its repository then just stops growing, which the stream cannot tell. */
    private void watchJvm(WatchedJvm jvm) {
        Thread watcher = new Thread(() -> {
            while (!ending.isDone()) {
                if (!jvm.isAlive()) {
                    ending.complete(new Ending(0, "JVM " + jvm.pid() + " exited"));
                    return;
                }
                try {
                    Thread.sleep(JVM_POLL_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "allocrec-top-jvm-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    private void watchKeys() {
        Thread keys = new Thread(() -> {
            InputStream in = System.in;
            try {
                for (int key = in.read(); key >= 0 && !ending.isDone(); key = in.read()) {
                    if (key == 'q' || key == 'Q') {
                        ending.complete(new Ending(0, "stopped (q)"));
                        return;
                    }
                }
            } catch (IOException e) {
                // No keys to read: Ctrl-C still ends it.
            }
        }, "allocrec-top-keys");
        keys.setDaemon(true);
        keys.start();
    }

    private static long threadId(RecordedEvent event) {
        RecordedThread thread = event.getThread();
        return thread == null ? -1 : thread.getJavaThreadId();
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}

package io.allocrec.micrometer;

import io.allocrec.recorder.ScenarioEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.lang.System.Logger.Level;
import java.time.Duration;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingStream;

/**
 * Publishes what each scope allocates per call as Micrometer metrics: the application's own
 * {@code allocrec.Scenario} events (from {@code AllocationScope}, {@code AllocationTracker} or the
 * allocrec agent) are streamed in-process with JFR and recorded per scope name.
 *
 * <pre>{@code
 * AllocationMetrics metrics = new AllocationMetrics();
 * metrics.bindTo(registry);   // or declare it as a MeterBinder bean: Spring Boot binds and closes it
 * ...
 * metrics.close();            // at shutdown
 * }</pre>
 *
 * <p>Meters, each tagged {@value #SCOPE_TAG} with the scope's name:
 * <ul>
 * <li>{@value #ALLOCATED_METER} (base unit bytes), a distribution summary of the exact bytes the
 *     thread allocated per call, with a percentile histogram from {@value #MIN_EXPECTED_BYTES} B to
 *     1 GiB so a dashboard computes p99 (Prometheus: {@code allocrec_scope_allocated_bytes_bucket});
 *     its count is the number of calls.</li>
 * <li>{@value #UNMEASURED_METER}, a counter of calls without an exact figure (on a virtual thread,
 *     or closed on another thread), made only once a scope has one.</li>
 * </ul>
 * Nested scopes are each a call of their own, and an outer scope's bytes include its inner ones':
 * sum over scope names only when they do not nest.
 *
 * <p>At most {@code maxScopeNames} names (default {@value #DEFAULT_MAX_SCOPE_NAMES}) get a tag value
 * of their own, in the order the stream reads them; later new names are folded into
 * {@value #OTHER_SCOPE}, said once in the log, since an unbounded tag overwhelms any metrics
 * backend. Each name costs a backend about 110 series (the histogram's buckets); Micrometer's
 * {@code MeterFilter}s can change the histogram's range like any other meter's.
 *
 * <p>Figures reach the meters about a second after a scope closes (JFR's flush interval). The
 * stream starts on a daemon thread of its own, named {@value #THREAD_NAME}, a few milliseconds after
 * {@code bindTo} returns; scopes that close before it has started are not counted. While
 * bound, the JVM records every {@code allocrec.Scenario} event (threshold 0, no stack trace), so
 * every scope pays its enabled cost, and another recording in the JVM that enables the event also
 * gets all of them. Where JFR is unavailable, binding logs one warning and publishes nothing.
 *
 * <p>{@link #close()} stops the stream and removes the meters from the registry: a closed binder
 * feeds nothing, and a series left in place would show zero calls where the truth is "not
 * measured". Calls closed in the last second before {@code close()} may not be counted.
 */
public final class AllocationMetrics implements MeterBinder, AutoCloseable {

    /** The distribution summary of exact bytes per call. */
    public static final String ALLOCATED_METER = "allocrec.scope.allocated";
    /** The counter of calls without an exact figure. */
    public static final String UNMEASURED_METER = "allocrec.scope.unmeasured";
    /** The tag that carries the scope's name. */
    public static final String SCOPE_TAG = "scope";
    /** The tag value of every name beyond the cap. */
    public static final String OTHER_SCOPE = "other";
    /** Distinct scope names published by default. */
    public static final int DEFAULT_MAX_SCOPE_NAMES = 200;
    /** The name of the thread that reads the events (to find its CPU time, for one). */
    public static final String THREAD_NAME = "allocrec-metrics";
    /** A name longer than this is cut to it. */
    public static final int MAX_TAG_CHARS = 200;
    /** The histogram's smallest bucket bound: a few small objects. */
    public static final long MIN_EXPECTED_BYTES = 64;
    /** The histogram's largest finite bucket bound, 1 GiB; larger calls fall in the +Inf bucket. */
    public static final long MAX_EXPECTED_BYTES = 1L << 30;

    // The recorder's field names in allocrec.Scenario (ScenarioEvent); recordings depend on them too.
    private static final String NAME_FIELD = "name";
    private static final String ALLOCATED_FIELD = "allocatedBytes";

    private static final System.Logger LOG = System.getLogger(AllocationMetrics.class.getName());
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final int maxScopeNames;
    private RecordingStream stream;
    private Thread streamThread;
    private ScopeMeters meters;
    private boolean bound;
    private boolean closed;

    /** A binder that publishes up to {@value #DEFAULT_MAX_SCOPE_NAMES} scope names. */
    public AllocationMetrics() {
        this(DEFAULT_MAX_SCOPE_NAMES);
    }

    /**
     * A binder that publishes up to {@code maxScopeNames} scope names and folds the rest into
     * {@value #OTHER_SCOPE}.
     *
     * @param maxScopeNames at least 1
     */
    public AllocationMetrics(int maxScopeNames) {
        if (maxScopeNames < 1) {
            throw new IllegalArgumentException("maxScopeNames must be at least 1, not " + maxScopeNames);
        }
        this.maxScopeNames = maxScopeNames;
    }

    /**
     * Starts streaming {@code allocrec.Scenario} events into meters of {@code registry}. Works whether
     * or not other JFR recordings run in the JVM. To publish to several registries, bind a
     * {@code CompositeMeterRegistry}.
     *
     * @param registry where the meters are registered
     * @throws IllegalStateException when this binder was already bound or closed
     */
    @Override
    public synchronized void bindTo(MeterRegistry registry) {
        if (bound || closed) {
            throw new IllegalStateException(closed ? "AllocationMetrics is closed"
                    : "AllocationMetrics is bound already; bind a CompositeMeterRegistry to publish to several");
        }
        bound = true;
        ScopeMeters scopeMeters = new ScopeMeters(registry, maxScopeNames);
        RecordingStream started;
        try {
            started = new RecordingStream();
        } catch (IllegalStateException | SecurityException e) {
            LOG.log(Level.WARNING, "allocrec: JFR is not available in this JVM, no allocation metrics: {0}", e.getMessage());
            return;
        }
        // By name, not by class: the agent's copy of the event class, on the boot class path, has the same name.
        started.enable(ScenarioEvent.NAME).withThreshold(Duration.ZERO).withoutStackTrace();
        // Reused event objects and no sorting by time: each event is read once, in any order.
        started.setReuse(true);
        started.setOrdered(false);
        started.onEvent(ScenarioEvent.NAME, event -> record(scopeMeters, event));
        started.onError(e -> LOG.log(Level.WARNING, "allocrec: allocation metrics stream: {0}", e.toString()));
        // Our own daemon thread: startAsync's is not a daemon, and would keep a JVM whose main ended alive.
        Thread thread = new Thread(() -> run(started), THREAD_NAME);
        thread.setDaemon(true);
        thread.start();
        stream = started;
        streamThread = thread;
        meters = scopeMeters;
    }

    private static void run(RecordingStream stream) {
        try {
            stream.start();
        } catch (IllegalStateException closedBeforeItStarted) {
            // close() came first: nothing to stream.
        }
    }

    private static void record(ScopeMeters meters, RecordedEvent event) {
        meters.record(event.getString(NAME_FIELD), event.getLong(ALLOCATED_FIELD));
    }

    /**
     * Stops the stream, waits up to 5 s for its thread to finish the event in hand, and removes
     * every meter this binder registered. Closing twice, or before binding, does nothing more.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (stream == null) {
            return;
        }
        stream.close();
        try {
            streamThread.join(CLOSE_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        meters.removeAll();
        stream = null;
        streamThread = null;
        meters = null;
    }
}

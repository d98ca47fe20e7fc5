package io.allocrec.benchmarks.estimate;

import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import one.profiler.Span;

/**
 * How a workload marks its scopes: as a service's own JFR duration event, which carries no byte
 * figure ({@code bench.Operation}, field {@code name}), or as async-profiler's {@code profiler.Span}
 * (its tag the name). Either way the report has only samples to go by. One per thread: it holds
 * the call in progress, so that marking allocates nothing inside the scope.
 */
interface ScopeMarker {

    void begin();

    void end(String name);

    /** {@code bench.Operation}: a duration event of the service's own. */
    final class JfrEvent implements ScopeMarker {

        @Name("bench.Operation")
        @Label("Operation")
        static final class OperationEvent extends Event {
            @Label("Name")
            String name;
        }

        private OperationEvent event;

        @Override
        public void begin() {
            event = new OperationEvent();
            event.begin();
        }

        @Override
        public void end(String name) {
            event.name = name;
            event.commit();
        }
    }

    /** async-profiler's span, written to its recording. */
    final class ProfilerSpan implements ScopeMarker {

        private long start;

        @Override
        public void begin() {
            start = Span.start();
        }

        @Override
        public void end(String name) {
            Span.end(start, name);
        }
    }
}

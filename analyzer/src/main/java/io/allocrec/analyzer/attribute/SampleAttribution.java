package io.allocrec.analyzer.attribute;

import io.allocrec.analyzer.load.LoadedRecording;
import io.allocrec.analyzer.load.ScopeEvent;
import io.allocrec.analyzer.load.ThreadSamples;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Attributes each thread's allocation samples to the scopes open on that thread: each sample is
 * counted in the innermost scope that encloses it, and each scope's sampled bytes are read off
 * the thread's {@link AllocationCurve}, so a sample's weight is split at scope boundaries.
 */
public final class SampleAttribution {

    private SampleAttribution() {
    }

    /**
     * The recording's scopes, in its order, with their samples; tells {@code listener} of every
     * sample and the innermost scope it fell in.
     */
    public static List<AttributedScope> attribute(LoadedRecording recording, InnermostSamples listener) {
        Map<String, List<ScopeEvent>> byThread = new LinkedHashMap<>();
        for (ScopeEvent scope : recording.scopes()) {
            byThread.computeIfAbsent(scope.thread(), key -> new ArrayList<>()).add(scope);
        }
        Map<ScopeEvent, AttributedScope> attributed = new IdentityHashMap<>();
        RunningTime runningTime = new RunningTime(recording.pauses());
        ThreadSamples none = new ThreadSamples();
        for (Map.Entry<String, List<ScopeEvent>> thread : byThread.entrySet()) {
            ThreadSamples samples = recording.samples().getOrDefault(thread.getKey(), none);
            Long threadStart = recording.threadStarts().get(thread.getKey());
            attributeThread(thread.getValue(), new AllocationCurve(samples, threadStart, runningTime), samples,
                    listener, attributed);
        }
        List<AttributedScope> inOrder = new ArrayList<>(recording.scopes().size());
        for (ScopeEvent scope : recording.scopes()) {
            inOrder.add(attributed.get(scope));
        }
        return inOrder;
    }

    /** One thread: scopes sorted by start time, samples by time. */
    private static void attributeThread(List<ScopeEvent> scopes, AllocationCurve curve, ThreadSamples samples,
                                        InnermostSamples listener, Map<ScopeEvent, AttributedScope> out) {
        List<OpenScope> all = new ArrayList<>(scopes.size());
        Deque<OpenScope> open = new ArrayDeque<>();
        int next = 0;
        for (int i = 0; i <= samples.count(); i++) {
            long time = i < samples.count() ? samples.time(i) : Long.MAX_VALUE;
            while (next < scopes.size() && scopes.get(next).startNanos() <= time) {
                ScopeEvent scope = scopes.get(next++);
                closeEndedBefore(open, scope.startNanos());
                OpenScope parent = open.peek() != null && open.peek().event.endNanos() >= scope.endNanos()
                        ? open.peek() : null;
                OpenScope opened = new OpenScope(scope, parent, curve.between(scope.startNanos(), scope.endNanos()));
                all.add(opened);
                open.push(opened);
            }
            if (i < samples.count()) {
                closeEndedBefore(open, time);
                if (!open.isEmpty()) {
                    open.peek().samples++;
                    open.peek().sampleWeight += samples.weight(i);
                    listener.sample(open.peek().event, samples, i);
                }
            }
        }
        for (int i = all.size() - 1; i >= 0; i--) { // children were opened after their parents
            OpenScope scope = all.get(i);
            scope.inclusiveWeight += scope.sampleWeight;
            if (scope.parent != null) {
                scope.parent.nestedBytes += scope.inclusiveBytes;
                scope.parent.inclusiveWeight += scope.inclusiveWeight;
                scope.parent.hasNested = true;
            }
        }
        for (OpenScope scope : all) {
            out.put(scope.event, new AttributedScope(scope.event, scope.depth,
                    Math.round(Math.max(0, scope.inclusiveBytes - scope.nestedBytes)),
                    Math.round(scope.inclusiveBytes), scope.samples, scope.hasNested, scope.sampleWeight,
                    scope.inclusiveWeight));
        }
    }

    private static void closeEndedBefore(Deque<OpenScope> open, long time) {
        while (!open.isEmpty() && open.peek().event.endNanos() < time) {
            open.pop();
        }
    }

    /** Bookkeeping for one scope while its thread is swept. */
    private static final class OpenScope {
        final ScopeEvent event;
        final OpenScope parent;
        final int depth;
        final double inclusiveBytes;
        double nestedBytes;
        boolean hasNested;
        int samples;
        long sampleWeight;
        long inclusiveWeight;

        OpenScope(ScopeEvent event, OpenScope parent, double inclusiveBytes) {
            this.event = event;
            this.parent = parent;
            this.depth = parent == null ? 0 : parent.depth + 1;
            this.inclusiveBytes = inclusiveBytes;
        }
    }
}

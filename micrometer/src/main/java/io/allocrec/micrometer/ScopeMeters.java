package io.allocrec.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The meters of each scope name in one registry, at most {@code maxScopeNames} names: the first
 * names seen get their own tag value, every later one is folded into {@value AllocationMetrics#OTHER_SCOPE}.
 * Memory and the registry's series are bounded by the cap, whatever names the application makes.
 *
 * <p>Used by the one JFR stream thread only, so nothing here is synchronized; {@link #removeAll}
 * runs after that thread has stopped.
 */
final class ScopeMeters {

    private static final System.Logger LOG = System.getLogger(AllocationMetrics.class.getName());

    private final MeterRegistry registry;
    private final int maxScopeNames;
    private final Map<String, Calls> byName = new HashMap<>();
    private Calls other;
    /** Every meter registered, for {@link #removeAll}. */
    private final List<Meter> registered = new ArrayList<>();

    ScopeMeters(MeterRegistry registry, int maxScopeNames) {
        this.registry = registry;
        this.maxScopeNames = maxScopeNames;
    }

    /** One call of scope {@code name}: its exact bytes, or a negative value when it has none. */
    void record(String name, long allocatedBytes) {
        Calls calls = callsOf(name);
        if (allocatedBytes >= 0) {
            calls.allocated.record(allocatedBytes);
        } else {
            calls.unmeasured().increment();
        }
    }

    private Calls callsOf(String rawName) {
        String name = tagValue(rawName);
        Calls calls = byName.get(name);
        if (calls != null) {
            return calls;
        }
        if (byName.size() < maxScopeNames) {
            calls = new Calls(name);
            byName.put(name, calls);
            return calls;
        }
        if (other == null) {
            LOG.log(Level.WARNING, "allocrec: more than {0} scope names; \"{1}\" and every later new name are "
                    + "published as scope=\"{2}\" (a metric tag must have a bounded number of values)",
                    maxScopeNames, name, AllocationMetrics.OTHER_SCOPE);
            // A scope really named "other" among the first names shares its meters.
            other = byName.containsKey(AllocationMetrics.OTHER_SCOPE)
                    ? byName.get(AllocationMetrics.OTHER_SCOPE) : new Calls(AllocationMetrics.OTHER_SCOPE);
        }
        return other;
    }

    /** Null becomes "" (as in report); an overlong name is cut so no one name bloats every scrape. */
    static String tagValue(String name) {
        if (name == null) {
            return "";
        }
        return name.length() <= AllocationMetrics.MAX_TAG_CHARS ? name : name.substring(0, AllocationMetrics.MAX_TAG_CHARS);
    }

    /** Removes every meter this object registered from the registry. */
    void removeAll() {
        for (Meter meter : registered) {
            registry.remove(meter);
        }
        registered.clear();
        byName.clear();
        other = null;
    }

    /** The meters of one tag value. */
    private final class Calls {

        private final String scope;
        final DistributionSummary allocated;
        private Counter unmeasured;

        Calls(String scope) {
            this.scope = scope;
            this.allocated = DistributionSummary.builder(AllocationMetrics.ALLOCATED_METER)
                    .description("Exact bytes allocated by the thread per call of a scope (allocrec.Scenario)")
                    .baseUnit("bytes")
                    .tag(AllocationMetrics.SCOPE_TAG, scope)
                    .publishPercentileHistogram()
                    .minimumExpectedValue((double) AllocationMetrics.MIN_EXPECTED_BYTES)
                    .maximumExpectedValue((double) AllocationMetrics.MAX_EXPECTED_BYTES)
                    .register(registry);
            registered.add(allocated);
        }

        /** Made on the first unmeasured call only: most services never have one, and pay no series for it. */
        Counter unmeasured() {
            if (unmeasured == null) {
                unmeasured = Counter.builder(AllocationMetrics.UNMEASURED_METER)
                        .description("Calls of a scope without an exact byte count (virtual thread, or closed on "
                                + "another thread); not in allocrec.scope.allocated")
                        .tag(AllocationMetrics.SCOPE_TAG, scope)
                        .register(registry);
                registered.add(unmeasured);
            }
            return unmeasured;
        }
    }
}

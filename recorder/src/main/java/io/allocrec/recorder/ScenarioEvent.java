package io.allocrec.recorder;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * The JFR event that marks one scenario: a region of code on one thread whose allocations
 * are attributed to it. A duration event; its start and end bound the region.
 *
 * <p>The labels, descriptions and content types are what JDK Mission Control shows, so they
 * are part of the user interface. Use {@link AllocationScope} or {@link AllocationTracker}
 * rather than this class directly.
 */
@Name(ScenarioEvent.NAME)
@Label("Allocation Scenario")
@Category({"Allocation Recorder"})
@Description("A region of code on one thread whose heap allocations are measured: "
        + "exact bytes allocated by the thread, and bytes still reachable from its result.")
@StackTrace(false)
public final class ScenarioEvent extends Event {

    /** The event type name, as it appears in a recording. */
    public static final String NAME = "allocrec.Scenario";

    /** Value of {@link #allocatedBytes} and {@link #retainedBytes} when not known. */
    public static final long UNKNOWN = -1;

    @Label("Name")
    @Description("Name of the scenario or scope, for example a collection type or an endpoint.")
    String name;

    @Label("Size")
    @Description("Number of elements the scenario handles; 0 when it has no natural size.")
    long size;

    @Label("Payload")
    @Description("Raw bytes of the data the scenario holds, without any container overhead; 0 when unknown.")
    @DataAmount(DataAmount.BYTES)
    long payloadBytes;

    @Label("Allocated (Exact)")
    @Description("Exact bytes this thread allocated between the start and the end of the scenario, "
            + "garbage included, from com.sun.management.ThreadMXBean; -1 when the JVM cannot tell.")
    @DataAmount(DataAmount.BYTES)
    long allocatedBytes = UNKNOWN;

    @Label("Retained")
    @Description("Bytes still reachable from the scenario's result when it ended, measured as a heap "
            + "difference across full garbage collections; -1 when not measured.")
    @DataAmount(DataAmount.BYTES)
    long retainedBytes = UNKNOWN;

    ScenarioEvent() {
    }
}

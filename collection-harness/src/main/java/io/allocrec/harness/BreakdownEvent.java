package io.allocrec.harness;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * The JFR event of one class in a scenario's retained bytes: the instances of the class reachable
 * from the structure and their bytes, from JOL's object graph walk. One event per class present;
 * together they make the structure's footprint.
 */
@Name(BreakdownEvent.NAME)
@Label("Retained Bytes by Class")
@Category({"Allocation Recorder"})
@Description("Instances and bytes of one class among the objects reachable from a scenario's structure "
        + "(JOL's GraphLayout). The events of one scenario and size add up to its footprint.")
@StackTrace(false)
public final class BreakdownEvent extends Event {

    /** The event type name, as it appears in a recording. */
    public static final String NAME = "allocrec.Breakdown";

    @Label("Scenario")
    @Description("Name of the scenario, as in allocrec.Scenario.")
    String scenario;

    @Label("Size")
    @Description("Number of elements in the structure.")
    long size;

    @Label("Class")
    @Description("The class, as its Java type name: java.util.HashMap$Node, byte[], java.util.HashMap$Node[].")
    String className;

    @Label("Instances")
    @Description("Number of objects of this class reachable from the structure.")
    long instances;

    @Label("Bytes")
    @Description("Bytes of those objects, headers and padding included.")
    @DataAmount(DataAmount.BYTES)
    long bytes;

    BreakdownEvent() {
    }
}

package io.allocrec.harness;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * The JFR event of one timing: how long one operation of a scenario takes per element at one
 * size, with the spread of the timed iterations. A duration event: it spans the measurement,
 * warm-up included. The times are {@code double} fields in nanoseconds (a fraction of a
 * nanosecond matters here; {@code @Timespan} takes whole units).
 */
@Name(TimingEvent.NAME)
@Label("Scenario Timing")
@Category({"Allocation Recorder"})
@Description("Time per element to insert into a scenario's structure (build it from the inputs) or to look "
        + "every key up, measured after warm-up over several timed iterations, in nanoseconds.")
@StackTrace(false)
public final class TimingEvent extends Event {

    /** The event type name, as it appears in a recording. */
    public static final String NAME = "allocrec.Timing";

    /** Value of {@link #operation} for building the structure from the inputs. */
    public static final String INSERT = "insert";

    /** Value of {@link #operation} for looking every key up once. */
    public static final String LOOKUP = "lookup";

    @Label("Scenario")
    @Description("Name of the scenario, as in allocrec.Scenario.")
    String scenario;

    @Label("Size")
    @Description("Number of elements in the structure.")
    long size;

    @Label("Operation")
    @Description("insert: build the structure of this size from the inputs (values copied), per element; "
            + "lookup: look up each of its keys once, in a shuffled order, per key.")
    String operation;

    @Label("Nanoseconds per Element")
    @Description("Mean time per element over the timed iterations, in nanoseconds.")
    double nanosPerElement;

    @Label("Error (99.9%)")
    @Description("Half-width of the 99.9% confidence interval of the mean (Student's t over the timed "
            + "iterations, as JMH's Error), in nanoseconds per element.")
    double nanosPerElementError;

    @Label("Standard Deviation")
    @Description("Standard deviation of the timed iterations, in nanoseconds per element.")
    double nanosPerElementStdDev;

    @Label("Fastest Iteration")
    @Description("Time per element of the fastest timed iteration, in nanoseconds.")
    double nanosPerElementMin;

    @Label("Slowest Iteration")
    @Description("Time per element of the slowest timed iteration, in nanoseconds.")
    double nanosPerElementMax;

    @Label("Iterations")
    @Description("Number of timed iterations.")
    int iterations;

    @Label("Warm-up Iterations")
    @Description("Number of untimed iterations run first at this size, batch calibration included.")
    int warmupIterations;

    @Label("Elements per Iteration")
    @Description("Elements inserted or looked up in each timed iteration: a batch of builds or lookup passes, "
            + "so that an iteration lasts long enough to time.")
    long elementsPerIteration;

    @Label("Forks")
    @Description("Fresh JVMs the timing ran in; 0: it ran in the recording's own JVM, after the allocation sweep.")
    int forks;

    TimingEvent() {
    }
}

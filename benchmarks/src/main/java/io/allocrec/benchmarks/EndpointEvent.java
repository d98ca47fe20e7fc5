package io.allocrec.benchmarks;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;

/**
 * One request handled by an endpoint of the production-like workload: a service's own duration
 * event, with no allocrec fields, as report takes it with {@code --scope-event bench.Endpoint
 * --label name}. An inner call (a database query, a cache lookup) is an event of the same type
 * inside its caller's, so report sees nested scopes.
 */
@Name("bench.Endpoint")
@Label("Endpoint")
@Category("Benchmark")
@Description("One request handled by an endpoint of the production-like benchmark, or one inner call it makes.")
final class EndpointEvent extends Event {

    @Label("Name")
    @Description("The endpoint, as an HTTP method and path (GET /orders), or the inner call (db, cache).")
    String name;
}

package io.allocrec.analyzer.load;

/**
 * Which events are scopes, and which of their fields names them.
 *
 * @param eventType  a duration event type, such as {@code allocrec.Scenario} or {@code jdk.MethodTrace}
 * @param labelField the field whose value names each scope; null to name every scope after its type
 */
public record ScopeSelection(String eventType, String labelField) {

    /** The recorder's own event. */
    public static final String SCENARIO_TYPE = "allocrec.Scenario";

    /** allocrec's scenario events, named by their {@code name} field. */
    public static ScopeSelection scenarios() {
        return new ScopeSelection(SCENARIO_TYPE, "name");
    }

    public boolean isScenarioEvent() {
        return eventType.equals(SCENARIO_TYPE);
    }
}

package io.allocrec.example;

/**
 * Who opens the scope of a request. {@code CODE}: the endpoint, with {@code AllocationScope}, as a
 * service that embeds the recorder does. {@code AGENT}: nobody in the code; each endpoint calls its
 * {@code answerScopedByAgent} method instead, which the allocrec agent makes a scope when the service
 * runs with {@code -javaagent:allocrec-agent.jar=scopes=}{@value #AGENT_FILTERS}. Switching between
 * the two in one warm JVM measures what the agent's scopes cost against scopes in code.
 */
enum ScopeSource {
    CODE,
    AGENT;

    /** The agent's filters for the example service's endpoints. */
    static final String AGENT_FILTERS = "io.allocrec.example.OrdersEndpoint::answerScopedByAgent;"
            + "io.allocrec.example.SearchEndpoint::answerScopedByAgent;"
            + "io.allocrec.example.HealthEndpoint::answerScopedByAgent";
}

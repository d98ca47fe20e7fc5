package io.allocrec.example;

import io.allocrec.recorder.AllocationScope;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * {@code GET /health}: the light profile, a status line of a few dozen bytes. Scoped like the
 * others so the report shows what "almost nothing" costs next to the heavy endpoints.
 */
final class HealthEndpoint extends Endpoint {

    static final String SCOPE = "GET /health";

    private final long startedNanos = System.nanoTime();

    HealthEndpoint() {
        super("/health");
    }

    @Override
    @SuppressWarnings("try") // the scope does its work in close(); the body never names it
    byte[] respond(Map<String, String> query) {
        if (scopeSource == ScopeSource.AGENT) {
            return answerScopedByAgent();
        }
        try (AllocationScope scope = AllocationScope.open(SCOPE)) {
            return answer();
        }
    }

    /** The request's work, for the agent to scope (see {@link ScopeSource}). */
    byte[] answerScopedByAgent() {
        return answer();
    }

    private byte[] answer() {
        long uptimeSeconds = (System.nanoTime() - startedNanos) / 1_000_000_000L;
        return ("{\"status\":\"UP\",\"uptimeSeconds\":" + uptimeSeconds + "}").getBytes(StandardCharsets.UTF_8);
    }
}

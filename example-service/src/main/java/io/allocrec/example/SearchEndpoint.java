package io.allocrec.example;

import io.allocrec.recorder.AllocationScope;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code GET /search?q=NAME}: looks a product up by name in an index it builds for the request.
 * The heavy profile: a {@code HashMap} of a few thousand entries (keys, boxed values, nodes and
 * every table it outgrows), about 740 KB per request. Rebuilding the index per request is
 * the deliberate waste here, the kind of cost a per-endpoint scope makes visible; a real service
 * would build it once.
 */
final class SearchEndpoint extends Endpoint {

    static final String SCOPE = "GET /search";
    static final int CATALOG_SIZE = 5_000;
    static final int MAX_QUERY_LENGTH = 64;

    SearchEndpoint() {
        super("/search");
    }

    @Override
    @SuppressWarnings("try") // the scope does its work in close(); the body never names it
    byte[] respond(Map<String, String> query) throws BadRequest {
        String q = query.get("q");
        if (q == null || q.isEmpty() || q.length() > MAX_QUERY_LENGTH) {
            throw new BadRequest("q is required, 1 to " + MAX_QUERY_LENGTH + " characters");
        }
        if (scopeSource == ScopeSource.AGENT) {
            return answerScopedByAgent(q);
        }
        try (AllocationScope scope = AllocationScope.open(SCOPE, CATALOG_SIZE)) {
            return answer(q);
        }
    }

    /** The request's work, for the agent to scope (see {@link ScopeSource}). */
    byte[] answerScopedByAgent(String q) {
        return answer(q);
    }

    private static byte[] answer(String q) {
        Map<String, Integer> index = buildIndex();
        Integer id = index.get(q);
        StringBuilder json = new StringBuilder("{\"q\":");
        appendJsonString(json, q).append(",\"found\":").append(id != null);
        if (id != null) {
            json.append(",\"id\":").append(id);
        }
        return json.append(",\"indexed\":").append(index.size()).append('}')
                .toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Product name to id, for the whole catalog; default-sized, so it resizes as it grows. */
    private static Map<String, Integer> buildIndex() {
        Map<String, Integer> index = new HashMap<>();
        for (int id = 0; id < CATALOG_SIZE; id++) {
            index.put(productName(id), id);
        }
        return index;
    }

    /** The catalog's naming scheme: {@code product-00042}. */
    static String productName(int id) {
        String digits = Integer.toString(id);
        return "product-" + "0".repeat(Math.max(0, 5 - digits.length())) + digits;
    }
}

package io.allocrec.example;

import io.allocrec.recorder.AllocationScope;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code GET /orders[?count=N]}: loads a page of small order records and renders them as JSON.
 * The middle profile: a few hundred small objects plus a growing {@code StringBuilder}, about
 * 22 KB of response and about 130 KB allocated per request at the default count.
 */
final class OrdersEndpoint extends Endpoint {

    static final String SCOPE = "GET /orders";
    static final int DEFAULT_COUNT = 250;
    static final int MAX_COUNT = 1000;

    private static final String[] STATUSES = {"NEW", "PAID", "SHIPPED", "DELIVERED", "RETURNED"};

    /** One order as a service would load it from its store. */
    record Order(long id, String customer, String status, int lines, long totalCents) {
    }

    OrdersEndpoint() {
        super("/orders");
    }

    @Override
    @SuppressWarnings("try") // the scope does its work in close(); the body never names it
    byte[] respond(Map<String, String> query) throws BadRequest {
        int count = intParameter(query, "count", DEFAULT_COUNT, 1, MAX_COUNT);
        // Named after the route, never the raw URI: one name per distinct query string would
        // defeat the report's per-name aggregation. The size records how many orders it built.
        if (scopeSource == ScopeSource.AGENT) {
            return answerScopedByAgent(count);
        }
        try (AllocationScope scope = AllocationScope.open(SCOPE, count)) {
            return answer(count);
        }
    }

    /** The request's work, for the agent to scope (see {@link ScopeSource}). */
    byte[] answerScopedByAgent(int count) {
        return answer(count);
    }

    private static byte[] answer(int count) {
        return render(load(count)).getBytes(StandardCharsets.UTF_8);
    }

    /** Stands in for a database query: deterministic, so every request does the same work. */
    private static List<Order> load(int count) {
        SplittableRandom random = new SplittableRandom(count);
        List<Order> orders = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            orders.add(new Order(100_000L + i, "customer-" + random.nextInt(10_000),
                    STATUSES[random.nextInt(STATUSES.length)], 1 + random.nextInt(9),
                    random.nextLong(100, 1_000_000)));
        }
        return orders;
    }

    private static String render(List<Order> orders) {
        // Default capacity on purpose: the builder's regrowth is garbage a real service makes too.
        StringBuilder json = new StringBuilder("{\"orders\":[");
        for (int i = 0; i < orders.size(); i++) {
            Order order = orders.get(i);
            if (i > 0) {
                json.append(',');
            }
            json.append("{\"id\":").append(order.id()).append(",\"customer\":");
            appendJsonString(json, order.customer());
            json.append(",\"status\":\"").append(order.status())
                    .append("\",\"lines\":").append(order.lines())
                    .append(",\"total\":").append(order.totalCents() / 100).append('.');
            long cents = order.totalCents() % 100;
            json.append(cents < 10 ? "0" : "").append(cents).append('}');
        }
        return json.append("],\"count\":").append(orders.size()).append('}').toString();
    }
}

package io.allocrec.example;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The HTTP plumbing every endpoint of {@link ExampleService} shares: exact path and method
 * checks, query parsing, status codes and writing the response. Subclasses only turn a valid
 * query into a body, inside their own {@code AllocationScope}.
 *
 * <p>Nothing a client sends can crash the server: bad input is a 4xx, a bug is a 500 for that
 * one request, and the exchange is always closed.
 */
abstract class Endpoint implements HttpHandler {

    /** A client error, answered with 400 and this (constant, never client-supplied) message. */
    static final class BadRequest extends Exception {
        private static final long serialVersionUID = 1L;

        BadRequest(String message) {
            super(message, null, false, false);
        }
    }

    /** Who opens each request's scope: the endpoint's own code, or the allocrec agent (see {@link ScopeSource}). */
    static volatile ScopeSource scopeSource = ScopeSource.CODE;

    // Long enough for any query this service understands; anything longer is refused unparsed.
    private static final int MAX_QUERY_CHARS = 1024;

    private final String path;

    Endpoint(String path) {
        this.path = path;
    }

    /** The path this endpoint answers, exactly (the server's contexts match prefixes). */
    final String path() {
        return path;
    }

    /** The body of a 200 response to a GET with this (decoded) query; opens the scope. */
    abstract byte[] respond(Map<String, String> query) throws BadRequest;

    @Override
    public final void handle(HttpExchange exchange) throws IOException {
        int status;
        byte[] body;
        try {
            if (!path.equals(exchange.getRequestURI().getPath())) {
                status = 404;
                body = error("no such endpoint");
            } else if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET");
                status = 405;
                body = error("only GET is supported");
            } else {
                body = respond(parseQuery(exchange.getRequestURI().getRawQuery()));
                status = 200;
            }
        } catch (BadRequest e) {
            status = 400;
            body = error(e.getMessage());
        } catch (RuntimeException e) {
            // A bug in one handler fails that request only; the server keeps serving.
            System.err.println("example-service: " + path + " failed: " + e);
            status = 500;
            body = error("internal error");
        }
        try {
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } finally {
            // A client that went away mid-response costs us nothing more than this.
            exchange.close();
        }
    }

    /** Decodes {@code a=1&b=x%20y}; malformed, duplicated or oversized input is a bad request. */
    static Map<String, String> parseQuery(String rawQuery) throws BadRequest {
        Map<String, String> query = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        if (rawQuery.length() > MAX_QUERY_CHARS) {
            throw new BadRequest("query too long");
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            try {
                name = URLDecoder.decode(name, StandardCharsets.UTF_8);
                value = URLDecoder.decode(value, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new BadRequest("malformed percent-encoding in the query");
            }
            if (query.put(name, value) != null) {
                throw new BadRequest("a query parameter is repeated");
            }
        }
        return query;
    }

    /** An optional integer parameter within [min, max], or the default when absent. */
    static int intParameter(Map<String, String> query, String name, int fallback, int min, int max)
            throws BadRequest {
        String text = query.get(name);
        if (text == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, without echoing the input
        }
        throw new BadRequest(name + " must be an integer from " + min + " to " + max);
    }

    /** Appends {@code text} as a JSON string literal: query values reach responses escaped. */
    static StringBuilder appendJsonString(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }

    private static byte[] error(String message) {
        return appendJsonString(new StringBuilder("{\"error\":"), message).append('}')
                .toString().getBytes(StandardCharsets.UTF_8);
    }
}

package io.allocrec.agent;

import java.nio.file.Path;
import java.util.List;

/**
 * The agent's argument: {@code scopes=FILTERS[,names=signature][,recording=NAME][,status=FILE]}, or
 * {@code stop[,status=FILE]}. Filters are separated by {@code ;} and cannot hold a comma. {@code status}
 * comes last and takes the rest of the text, so a path may hold commas.
 *
 * @param filters    the methods to scope; empty for {@code stop}
 * @param signatures whether a scope is named with its parameter types, to tell overloads apart
 * @param recording  the JFR recording the scopes live for (removed when it ends), or null: for the
 *                   JVM's lifetime
 * @param status     where to write what the agent did, for {@code allocrec record --pid}; or null
 */
public record AgentOptions(List<ScopeFilter> filters, boolean signatures, String recording, Path status) {

    /** The options of a {@code stop}: take every scope out. */
    public boolean isStop() {
        return filters.isEmpty();
    }

    /** Parses the agent's argument; a mistake is a one-line message. */
    public static AgentOptions parse(String argument) throws IllegalArgumentException {
        String text = argument == null ? "" : argument.strip();
        Path status = null;
        int statusAt = text.startsWith("status=") ? 0 : text.indexOf(",status=");
        if (statusAt >= 0) {
            status = Path.of(text.substring(text.indexOf('=', statusAt) + 1));
            text = text.substring(0, statusAt);
        }
        List<ScopeFilter> filters = null;
        boolean stop = false;
        boolean signatures = false;
        String recording = null;
        for (String option : text.split(",")) {
            if (option.isBlank()) {
                continue;
            }
            if (option.equals("stop")) {
                stop = true;
            } else if (option.startsWith("scopes=")) {
                filters = parseFilters(option.substring("scopes=".length()));
            } else if (option.equals("names=signature")) {
                signatures = true;
            } else if (option.equals("names=method")) {
                signatures = false;
            } else if (option.startsWith("recording=") && option.length() > "recording=".length()) {
                recording = option.substring("recording=".length());
            } else {
                throw new IllegalArgumentException("unknown option '" + option + "'; the agent takes "
                        + "scopes=FILTER;FILTER..., names=method|signature, or stop");
            }
        }
        if (stop == (filters != null)) {
            throw new IllegalArgumentException(stop ? "give stop or scopes=..., not both"
                    : "name the methods to scope: scopes=com.shop.Orders::handle;com.shop.Cart");
        }
        if (filters != null && filters.isEmpty()) {
            throw new IllegalArgumentException("scopes= names no method");
        }
        return new AgentOptions(stop ? List.of() : filters, signatures, recording, status);
    }

    private static List<ScopeFilter> parseFilters(String text) {
        try {
            return ScopeFilter.parseAll(text);
        } catch (ScopeFilter.SyntaxException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}

package io.allocrec.analyzer.load;

/**
 * The longest scope name the report keeps. Scope names come from the recorded application and
 * are not trusted: a name is kept to at most {@value #MAX_CHARS} characters, so no one name can
 * make a report slow or large (a name of 100,000 characters once took half a minute to lay out
 * in a chart). A cut name says so.
 */
public final class ScopeNameLimit {

    public static final int MAX_CHARS = 500;

    private ScopeNameLimit() {
    }

    public static String bounded(String name) {
        if (name == null) {
            return "";
        }
        if (name.length() <= MAX_CHARS) {
            return name;
        }
        return name.substring(0, MAX_CHARS) + "... (" + name.length() + " characters)";
    }
}

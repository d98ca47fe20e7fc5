package io.allocrec.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which methods become scopes, in the grammar of JDK 25's method tracing ({@code jdk.MethodTrace#filter}),
 * so a user learns one syntax for both:
 * <ul>
 * <li>{@code com.shop.Orders::handle}: the methods of that name in that class (overloads included);
 *     {@code com.shop.Orders::<init>} its constructors;</li>
 * <li>{@code ::handle}: the methods of that name in any class;</li>
 * <li>{@code com.shop.Cart}: every method and constructor the class declares;</li>
 * <li>{@code @org.springframework.web.bind.annotation.GetMapping}: every method with that annotation,
 *     and every method of a class that has it.</li>
 * </ul>
 * Class names are binary names, as the JVM writes them ({@code com.shop.Orders$Line} for a nested class).
 * Several filters are separated by {@code ;}.
 *
 * @param className      the class, or null when the filter names an annotation or a method in any class
 * @param methodName     the method, or null when the filter names a class or an annotation
 * @param annotationName the annotation, or null
 * @param text           the filter as the user wrote it
 */
public record ScopeFilter(String className, String methodName, String annotationName, String text) {

    private static final String CONSTRUCTOR = "<init>";
    private static final String CLASS_INITIALIZER = "<clinit>";
    private static final Set<String> KEYWORDS = Set.of("abstract", "assert", "boolean", "break", "byte", "case",
            "catch", "char", "class", "const", "continue", "default", "do", "double", "else", "enum", "extends", "final",
            "finally", "float", "for", "goto", "if", "implements", "import", "instanceof", "int", "interface", "long",
            "native", "new", "package", "private", "protected", "public", "return", "short", "static", "strictfp",
            "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try", "void", "volatile",
            "while", "true", "false", "null", "_");

    /** A filter that does not follow the grammar; the message names it and the position. */
    public static final class SyntaxException extends Exception {
        private static final long serialVersionUID = 1L;

        SyntaxException(String filter, int position, String problem) {
            super("scope filter '" + filter + "': " + problem + " at character " + (position + 1)
                    + " (filters are com.shop.Orders::handle, com.shop.Cart or @com.shop.Timed)");
        }
    }

    /** Whether the filter names constructors. */
    public boolean isConstructor() {
        return CONSTRUCTOR.equals(methodName);
    }

    /**
     * Parses filters separated by {@code ;}, as {@code jdk.MethodTrace#filter} takes them; blank ones are
     * skipped.
     */
    public static List<ScopeFilter> parseAll(String filters) throws SyntaxException {
        List<ScopeFilter> parsed = new ArrayList<>();
        for (String filter : filters.split(";", -1)) {
            if (!filter.isBlank()) {
                parsed.add(parse(filter.strip()));
            }
        }
        return parsed;
    }

    /** Parses one filter. */
    public static ScopeFilter parse(String filter) throws SyntaxException {
        if (filter.startsWith("@")) {
            checkClassName(filter, 1, filter.length());
            return new ScopeFilter(null, null, filter.substring(1), filter);
        }
        int separator = filter.indexOf("::");
        if (separator < 0) {
            checkClassName(filter, 0, filter.length());
            return new ScopeFilter(filter, null, null, filter);
        }
        String method = filter.substring(separator + 2);
        if (method.isEmpty()) {
            throw new SyntaxException(filter, separator + 2, "a method name is missing after '::' (for every method "
                    + "of the class, name the class alone)");
        }
        if (method.equals(CLASS_INITIALIZER)) {
            throw new SyntaxException(filter, separator + 2, "a class initializer runs once, before the agent could "
                    + "scope it; <clinit> is not supported");
        }
        if (!method.equals(CONSTRUCTOR)) {
            checkIdentifier(filter, separator + 2, filter.length());
        }
        if (separator == 0) {
            if (method.equals(CONSTRUCTOR)) {
                throw new SyntaxException(filter, 0, "'::<init>' would scope every constructor of every class; "
                        + "name the class");
            }
            return new ScopeFilter(null, method, null, filter);
        }
        checkClassName(filter, 0, separator);
        return new ScopeFilter(filter.substring(0, separator), method, null, filter);
    }

    /** A dot-separated sequence of Java identifiers, as {@code jdk.internal.module.Checks.isClassName}. */
    private static void checkClassName(String filter, int start, int end) throws SyntaxException {
        if (start == end) {
            throw new SyntaxException(filter, start, "a class name is missing");
        }
        int part = start;
        for (int i = start; i <= end; i++) {
            if (i == end || filter.charAt(i) == '.') {
                checkIdentifier(filter, part, i);
                part = i + 1;
            }
        }
    }

    private static void checkIdentifier(String filter, int start, int end) throws SyntaxException {
        if (start == end) {
            throw new SyntaxException(filter, start, "a name is missing");
        }
        int first = filter.codePointAt(start);
        if (!Character.isJavaIdentifierStart(first)) {
            throw new SyntaxException(filter, start, "'" + Character.toString(first) + "' cannot start a Java name");
        }
        for (int i = start + Character.charCount(first); i < end; ) {
            int c = filter.codePointAt(i);
            if (!Character.isJavaIdentifierPart(c)) {
                throw new SyntaxException(filter, i, "'" + Character.toString(c) + "' is not part of a Java name");
            }
            i += Character.charCount(c);
        }
        if (KEYWORDS.contains(filter.substring(start, end))) {
            throw new SyntaxException(filter, start, "'" + filter.substring(start, end) + "' is a Java keyword");
        }
    }

    @Override
    public String toString() {
        return text;
    }
}

package io.allocrec.analyzer.render;

/**
 * Scope names come from the recorded application and are not trusted: before they reach a
 * terminal or a chart, control characters (which could move the cursor or fake lines) are
 * replaced. They never become file names.
 */
public final class PrintableText {

    private PrintableText() {
    }

    public static String of(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append('?');
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}

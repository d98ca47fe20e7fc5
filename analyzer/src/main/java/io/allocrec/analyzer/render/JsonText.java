package io.allocrec.analyzer.render;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * JSON literals: strings escaped as RFC 8259 requires, numbers that JSON can hold (no NaN). The
 * strings are also safe inside an HTML {@code <script>} element, where index.html embeds them:
 * {@code <}, {@code >} and {@code &} are escaped too, so no scope or frame name can close the
 * element, and so are U+2028 and U+2029, which older JavaScript reads as line ends. A JSON reader
 * gives the same text back either way.
 */
public final class JsonText {

    private JsonText() {
    }

    public static String string(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** A whole number, or null when the figure does not exist (negative marks that here). */
    static String countOrNull(long value) {
        return value < 0 ? "null" : Long.toString(value);
    }

    /** A number, or null for NaN and infinities, which JSON cannot hold. */
    static String number(double value) {
        if (!Double.isFinite(value)) {
            return "null";
        }
        // Ten significant digits: more than any figure here is worth, and no binary noise.
        return new BigDecimal(value).round(new MathContext(10)).stripTrailingZeros().toPlainString();
    }
}

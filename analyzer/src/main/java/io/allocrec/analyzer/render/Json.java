package io.allocrec.analyzer.render;

import java.io.IOException;
import java.io.Writer;

/**
 * JSON string literals that are safe inside an HTML {@code <script>} element: besides what JSON
 * requires, {@code <}, {@code >} and {@code &} are escaped, so no scope or frame name can close
 * the element, and so are U+2028 and U+2029, which older JavaScript reads as line ends.
 */
final class Json {

    private Json() {
    }

    static void string(String text, Writer out) throws IOException {
        out.write('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.write("\\\"");
                case '\\' -> out.write("\\\\");
                case '\n' -> out.write("\\n");
                case '\t' -> out.write("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                        out.write(String.format("\\u%04x", (int) c));
                    } else {
                        out.write(c);
                    }
                }
            }
        }
        out.write('"');
    }
}

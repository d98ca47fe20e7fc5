package io.allocrec.analyzer.render;

import io.allocrec.analyzer.aggregate.StackProfile;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code stacks.collapsed}: the folded-stack text that flamegraph.pl, speedscope and
 * async-profiler's converter read. One line per scope name, stack and allocated class:
 * <pre>
 * scope;outermost frame;...;allocating frame;allocated class sampled_bytes
 * </pre>
 * The scope name is the root frame and the class the leaf, so a flame graph shows which scope
 * allocated what, from where; {@link StackProfile#OUTSIDE} is the root of the samples outside every
 * scope, and {@link StackProfile#NO_STACK} the one frame of samples without a stack trace. The
 * figure is sampled bytes (summed JFR allocation sample weights), not exact.
 *
 * <p>Frames are separated by {@code ;} and lines by a newline, and scope names are the recorded
 * application's text: in every frame a {@code ;} becomes {@code ,}, and a control character or
 * Unicode line or paragraph separator becomes {@code ?}; an empty frame becomes {@code ?}. Lines
 * that are the same once replaced ({@code "a;b"} and {@code "a,b"}) are merged, their bytes
 * summed. Lines are sorted by scope name, then frame by frame, then class, so the same profile
 * gives the same file. An empty profile gives an empty file.
 */
public final class CollapsedStacks {

    private CollapsedStacks() {
    }

    /** Writes the profile as UTF-8. */
    public static void write(StackProfile profile, OutputStream out) throws IOException {
        List<Line> lines = lines(profile);
        lines.sort(null);
        // Each text as UTF-8 once: a deep profile's file is tens of MB of the same few thousand
        // frames, and encoding every line through a Writer was most of the writing.
        Map<String, byte[]> utf8 = new IdentityHashMap<>();
        Function<String, byte[]> encode = text -> utf8.computeIfAbsent(text, t -> t.getBytes(StandardCharsets.UTF_8));
        Output file = new Output(out);
        for (int i = 0; i < lines.size(); ) {
            Line line = lines.get(i);
            long bytes = 0;
            for (; i < lines.size() && lines.get(i).compareTo(line) == 0; i++) {
                bytes += lines.get(i).sampledBytes;
            }
            file.put(encode.apply(line.scope));
            for (String frame : line.frames) {
                file.put(';');
                file.put(encode.apply(frame));
            }
            file.put(';');
            file.put(encode.apply(line.allocatedClass));
            file.put(' ');
            file.put(Long.toString(bytes).getBytes(StandardCharsets.US_ASCII));
            file.put('\n');
        }
        file.flush();
    }

    /**
     * A buffer in front of the stream, without the lock BufferedOutputStream takes on every write
     * (two a frame): on deep stacks, writing took 28 profile samples through it, 18 through this
     * (medians of three).
     */
    private static final class Output {
        private final OutputStream out;
        private final byte[] buffer = new byte[1 << 16];
        private int used;

        Output(OutputStream out) {
            this.out = out;
        }

        void put(char ascii) throws IOException {
            if (used == buffer.length) {
                drain();
            }
            buffer[used++] = (byte) ascii;
        }

        void put(byte[] bytes) throws IOException {
            if (bytes.length > buffer.length - used) {
                drain();
                if (bytes.length > buffer.length) {
                    out.write(bytes);
                    return;
                }
            }
            System.arraycopy(bytes, 0, buffer, used, bytes.length);
            used += bytes.length;
        }

        void flush() throws IOException {
            drain();
            out.flush();
        }

        private void drain() throws IOException {
            out.write(buffer, 0, used);
            used = 0;
        }
    }

    /**
     * One line before merging, its text replaced. Frames lists are shared between the stacks of a
     * profile (one per stack trace), and so are their replacements: no line's text is kept whole.
     */
    private record Line(String scope, List<String> frames, String allocatedClass, long sampledBytes)
            implements Comparable<Line> {

        @Override
        public int compareTo(Line other) {
            int byScope = scope.compareTo(other.scope);
            if (byScope != 0) {
                return byScope;
            }
            int common = Math.min(frames.size(), other.frames.size());
            for (int i = 0; i < common; i++) {
                if (frames.get(i) == other.frames.get(i)) {
                    continue; // one text per frame (see lines): most stacks share their outer frames
                }
                int byFrame = frames.get(i).compareTo(other.frames.get(i));
                if (byFrame != 0) {
                    return byFrame;
                }
            }
            int byDepth = Integer.compare(frames.size(), other.frames.size());
            return byDepth != 0 ? byDepth : allocatedClass.compareTo(other.allocatedClass);
        }
    }

    private static List<Line> lines(StackProfile profile) {
        Map<String, String> replacedText = new HashMap<>();
        Map<List<String>, List<String>> replacedFrames = new IdentityHashMap<>();
        Function<String, String> replace = text -> replacedText.computeIfAbsent(text, CollapsedStacks::frame);
        List<Line> lines = new ArrayList<>(profile.stacks().size());
        for (StackProfile.Stack stack : profile.stacks()) {
            List<String> frames = replacedFrames.computeIfAbsent(stack.frames(),
                    list -> list.stream().map(replace).toList());
            lines.add(new Line(replace.apply(stack.scope()), frames, replace.apply(stack.allocatedClass()),
                    stack.sampledBytes()));
        }
        return lines;
    }

    /** One frame, with what would break the format replaced (see the class comment). */
    private static String frame(String text) {
        if (text.isEmpty()) {
            return "?";
        }
        StringBuilder frame = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c == ';') {
                frame.append(',');
            } else if (Character.isISOControl(c) || Character.getType(c) == Character.LINE_SEPARATOR
                    || Character.getType(c) == Character.PARAGRAPH_SEPARATOR) {
                frame.append('?');
            } else {
                frame.appendCodePoint(c);
            }
        });
        return frame.toString();
    }
}

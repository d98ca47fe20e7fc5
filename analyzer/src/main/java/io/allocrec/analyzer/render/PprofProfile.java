package io.allocrec.analyzer.render;

import io.allocrec.analyzer.aggregate.StackProfile;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * {@code allocations.pb.gz}: the stack profile as a gzip-compressed pprof profile
 * (github.com/google/pprof, {@code proto/profile.proto}), which {@code go tool pprof}, Pyroscope,
 * Grafana and Parca read.
 *
 * <ul>
 * <li>Two sample types: {@code alloc_samples}/{@code count}, how many JFR allocation samples (not
 *     objects: a sample stands for every allocation since the thread's previous one), and
 *     {@code alloc_space}/{@code bytes}, their summed weights: sampled bytes, an estimate of the
 *     allocated bytes, not an exact figure. {@code alloc_space} is the default sample type and the
 *     last, so {@code go tool pprof} shows it unless told otherwise ({@code -sample_index=alloc_samples}).
 *     The period type is {@code space}/{@code bytes}, as Pyroscope's own JFR conversion has it.
 * <li>Each sample's stack is leaf first, as pprof requires: the allocated class as the leaf frame
 *     (as async-profiler's converter writes it: a function named after the class), then the
 *     allocating frame, out to the outermost; {@link StackProfile#NO_STACK} alone below the class
 *     for samples without a stack trace.
 * <li>Each sample has the string label {@code scope}: the innermost scope's name, or
 *     {@link StackProfile#OUTSIDE}. {@code go tool pprof -tagroot=scope} shows it as a root frame,
 *     {@code -tagfocus=scope=NAME} keeps one name. Names go in unchanged (strings are
 *     length-prefixed: nothing to escape).
 * <li>Frames are methods without lines, so each function has one location (with the same id)
 *     and both are listed once; one mapping, marked as already symbolized, holds them all.
 * <li>Comments say where the figures come from and that they are sampled.
 * </ul>
 * The same profile gives the same bytes: samples are sorted by scope name, frames and class.
 */
public final class PprofProfile {

    // Field numbers of profile.proto.
    private static final int PROFILE_SAMPLE_TYPE = 1;
    private static final int PROFILE_SAMPLE = 2;
    private static final int PROFILE_MAPPING = 3;
    private static final int PROFILE_LOCATION = 4;
    private static final int PROFILE_FUNCTION = 5;
    private static final int PROFILE_STRING_TABLE = 6;
    private static final int PROFILE_TIME_NANOS = 9;
    private static final int PROFILE_DURATION_NANOS = 10;
    private static final int PROFILE_PERIOD_TYPE = 11;
    private static final int PROFILE_COMMENT = 13;
    private static final int PROFILE_DEFAULT_SAMPLE_TYPE = 14;
    private static final int VALUE_TYPE_TYPE = 1;
    private static final int VALUE_TYPE_UNIT = 2;
    private static final int SAMPLE_LOCATION_ID = 1;
    private static final int SAMPLE_VALUE = 2;
    private static final int SAMPLE_LABEL = 3;
    private static final int LABEL_KEY = 1;
    private static final int LABEL_STR = 2;
    private static final int MAPPING_ID = 1;
    private static final int MAPPING_FILENAME = 5;
    private static final int MAPPING_HAS_FUNCTIONS = 7;
    private static final int LOCATION_ID = 1;
    private static final int LOCATION_MAPPING_ID = 2;
    private static final int LOCATION_LINE = 4;
    private static final int LINE_FUNCTION_ID = 1;
    private static final int FUNCTION_ID = 1;
    private static final int FUNCTION_NAME = 2;
    private static final int FUNCTION_SYSTEM_NAME = 3;

    private static final int MAPPING = 1;
    private static final List<String> COMMENTS = List.of(
            "allocrec allocation profile, from JDK Flight Recorder allocation samples (jdk.ObjectAllocationSample, "
                    + "or the TLAB allocation events where a recording has none)",
            "alloc_space is sampled: the summed weights of the samples, an estimate of the bytes allocated, not exact",
            "alloc_samples counts JFR allocation samples, not allocated objects",
            "label scope: the innermost allocrec scope of the sample; " + StackProfile.OUTSIDE + " outside every scope");

    private final Map<String, Integer> strings = new HashMap<>();
    private final List<String> stringTable = new ArrayList<>();
    private final Map<String, Integer> functions = new HashMap<>();
    private final List<Integer> functionNames = new ArrayList<>();

    private PprofProfile() {
        string("");
    }

    /**
     * Writes the gzip-compressed profile; {@code out} stays open.
     *
     * @param startNanos    when the recording starts, epoch nanoseconds; 0 when unknown (then not written)
     * @param durationNanos how long it lasts; 0 when unknown (then not written)
     */
    public static void write(StackProfile profile, long startNanos, long durationNanos, OutputStream out)
            throws IOException {
        OutputStream keepOpen = new FilterOutputStream(out) {
            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                out.write(bytes, offset, length);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
        // Closed here, not only finished, so the compressor's native memory is freed at once.
        try (OutputStream gzip = new BufferedOutputStream(new GZIPOutputStream(keepOpen, 1 << 16), 1 << 16)) {
            new PprofProfile().encode(profile, startNanos, durationNanos, gzip);
        }
    }

    private void encode(StackProfile profile, long startNanos, long durationNanos, OutputStream out)
            throws IOException {
        ProtobufEncoder field = new ProtobufEncoder();
        ProtobufEncoder message = new ProtobufEncoder();
        write(field.message(PROFILE_SAMPLE_TYPE, valueType(message, "alloc_samples", "count")), out);
        write(field.message(PROFILE_SAMPLE_TYPE, valueType(message, "alloc_space", "bytes")), out);
        int scopeKey = string("scope");

        List<StackProfile.Stack> stacks = new ArrayList<>(profile.stacks());
        stacks.sort(Comparator.comparing(StackProfile.Stack::scope)
                .thenComparing(StackProfile.Stack::frames, PprofProfile::compareFrames)
                .thenComparing(StackProfile.Stack::allocatedClass));
        ProtobufEncoder label = new ProtobufEncoder();
        long[] locations = new long[16];
        for (StackProfile.Stack stack : stacks) {
            List<String> frames = stack.frames();
            if (locations.length < frames.size() + 1) {
                locations = new long[frames.size() + 1];
            }
            locations[0] = function(stack.allocatedClass());
            for (int i = 0; i < frames.size(); i++) {
                locations[i + 1] = function(frames.get(frames.size() - 1 - i));
            }
            label.clear().varint(LABEL_KEY, scopeKey).varint(LABEL_STR, string(stack.scope()));
            message.clear()
                    .packed(SAMPLE_LOCATION_ID, locations, frames.size() + 1)
                    .packed(SAMPLE_VALUE, new long[] {stack.samples(), stack.sampledBytes()}, 2)
                    .message(SAMPLE_LABEL, label);
            write(field.message(PROFILE_SAMPLE, message), out);
        }

        message.clear().varint(MAPPING_ID, MAPPING).varint(MAPPING_FILENAME, string("allocrec"))
                .varint(MAPPING_HAS_FUNCTIONS, 1);
        write(field.message(PROFILE_MAPPING, message), out);
        ProtobufEncoder line = new ProtobufEncoder();
        for (int id = 1; id <= functionNames.size(); id++) {
            line.clear().varint(LINE_FUNCTION_ID, id);
            message.clear().varint(LOCATION_ID, id).varint(LOCATION_MAPPING_ID, MAPPING).message(LOCATION_LINE, line);
            write(field.message(PROFILE_LOCATION, message), out);
        }
        for (int id = 1; id <= functionNames.size(); id++) {
            int name = functionNames.get(id - 1);
            message.clear().varint(FUNCTION_ID, id).varint(FUNCTION_NAME, name).varint(FUNCTION_SYSTEM_NAME, name);
            write(field.message(PROFILE_FUNCTION, message), out);
        }

        if (startNanos > 0) {
            write(field.varint(PROFILE_TIME_NANOS, startNanos), out);
        }
        if (durationNanos > 0) {
            write(field.varint(PROFILE_DURATION_NANOS, durationNanos), out);
        }
        write(field.message(PROFILE_PERIOD_TYPE, valueType(message, "space", "bytes")), out);
        for (String comment : COMMENTS) {
            write(field.varint(PROFILE_COMMENT, string(comment)), out);
        }
        write(field.varint(PROFILE_DEFAULT_SAMPLE_TYPE, string("alloc_space")), out);
        // Last, once every string has its index.
        for (String string : stringTable) {
            write(field.string(PROFILE_STRING_TABLE, string), out);
        }
    }

    /** Writes one field of the profile and empties the encoder: the profile is never whole in memory. */
    private static void write(ProtobufEncoder field, OutputStream out) throws IOException {
        field.writeTo(out);
        field.clear();
    }

    private ProtobufEncoder valueType(ProtobufEncoder message, String type, String unit) {
        return message.clear().varint(VALUE_TYPE_TYPE, string(type)).varint(VALUE_TYPE_UNIT, string(unit));
    }

    private int string(String text) {
        Integer index = strings.get(text);
        if (index == null) {
            index = stringTable.size();
            strings.put(text, index);
            stringTable.add(text);
        }
        return index;
    }

    /** The id of the function (and of its one location) named {@code name}, from 1. */
    private int function(String name) {
        Integer id = functions.get(name);
        if (id == null) {
            functionNames.add(string(name));
            id = functionNames.size();
            functions.put(name, id);
        }
        return id;
    }

    private static int compareFrames(List<String> a, List<String> b) {
        int common = Math.min(a.size(), b.size());
        for (int i = 0; i < common; i++) {
            if (a.get(i) == b.get(i)) {
                continue; // a method's text is one String in every stack: most share their outer frames
            }
            int byFrame = a.get(i).compareTo(b.get(i));
            if (byFrame != 0) {
                return byFrame;
            }
        }
        return Integer.compare(a.size(), b.size());
    }
}

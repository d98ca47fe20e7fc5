package io.allocrec.analyzer;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * A pprof profile read back with Google's protobuf reader, field by field as
 * github.com/google/pprof's {@code proto/profile.proto} numbers them (none of the writer's code),
 * and checked as pprof's own {@code Profile.CheckValid} checks it.
 */
public record DecodedPprof(List<String> strings, List<ValueType> sampleTypes, List<Sample> samples,
                           List<Long> mappingIds, Map<Long, Location> locations, Map<Long, Long> functionNames,
                           List<Long> comments, long defaultSampleType, long timeNanos, long durationNanos,
                           ValueType periodType) {

    public record ValueType(String type, String unit) {
    }

    /** @param labels key to string value, both resolved */
    public record Sample(List<Long> locationIds, List<Long> values, List<Map.Entry<String, String>> labels) {
    }

    public record Location(long mappingId, List<Long> functionIds) {
    }

    /** Decodes a gzip-compressed profile; fails unless it starts with the gzip magic bytes. */
    public static DecodedPprof ofGzip(byte[] file) throws IOException {
        if (file.length < 2 || (file[0] & 0xFF) != 0x1F || (file[1] & 0xFF) != 0x8B) {
            throw new AssertionError("not gzip: " + file.length + " bytes");
        }
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(file))) {
            return of(in.readAllBytes());
        }
    }

    public static DecodedPprof of(byte[] profile) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(profile);
        List<String> strings = new ArrayList<>();
        List<long[]> sampleTypes = new ArrayList<>();
        List<byte[]> samples = new ArrayList<>();
        List<Long> mappings = new ArrayList<>();
        Map<Long, Location> locations = new HashMap<>();
        Map<Long, Long> functions = new HashMap<>();
        List<Long> comments = new ArrayList<>();
        long defaultType = 0;
        long time = 0;
        long duration = 0;
        long[] period = {0, 0};
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> sampleTypes.add(valueType(in.readByteArray()));
                case 2 -> samples.add(in.readByteArray());
                case 3 -> mappings.add(firstVarint(in.readByteArray(), 1));
                case 4 -> {
                    CodedInputStream location = CodedInputStream.newInstance(in.readByteArray());
                    long id = 0;
                    long mapping = 0;
                    List<Long> lineFunctions = new ArrayList<>();
                    for (int t = location.readTag(); t != 0; t = location.readTag()) {
                        switch (WireFormat.getTagFieldNumber(t)) {
                            case 1 -> id = location.readUInt64();
                            case 2 -> mapping = location.readUInt64();
                            case 4 -> lineFunctions.add(firstVarint(location.readByteArray(), 1));
                            default -> location.skipField(t);
                        }
                    }
                    if (id == 0 || locations.put(id, new Location(mapping, lineFunctions)) != null) {
                        throw new AssertionError("location id 0 or repeated: " + id);
                    }
                }
                case 5 -> {
                    byte[] function = in.readByteArray();
                    long id = firstVarint(function, 1);
                    if (id == 0 || functions.put(id, firstVarint(function, 2)) != null) {
                        throw new AssertionError("function id 0 or repeated: " + id);
                    }
                }
                case 6 -> strings.add(in.readStringRequireUtf8());
                case 9 -> time = in.readInt64();
                case 10 -> duration = in.readInt64();
                case 11 -> period = valueType(in.readByteArray());
                case 13 -> readVarints(in, tag, comments);
                case 14 -> defaultType = in.readInt64();
                default -> in.skipField(tag);
            }
        }
        List<ValueType> types = sampleTypes.stream().map(t -> new ValueType(strings.get((int) t[0]),
                strings.get((int) t[1]))).toList();
        List<Sample> decodedSamples = new ArrayList<>();
        for (byte[] sample : samples) {
            decodedSamples.add(sample(sample, strings));
        }
        return new DecodedPprof(strings, types, decodedSamples, mappings, locations, functions, comments, defaultType,
                time, duration, new ValueType(strings.get((int) period[0]), strings.get((int) period[1])));
    }

    private static Sample sample(byte[] bytes, List<String> strings) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        List<Long> locationIds = new ArrayList<>();
        List<Long> values = new ArrayList<>();
        List<Map.Entry<String, String>> labels = new ArrayList<>();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> readVarints(in, tag, locationIds);
                case 2 -> readVarints(in, tag, values);
                case 3 -> {
                    byte[] label = in.readByteArray();
                    labels.add(Map.entry(strings.get((int) firstVarint(label, 1)), strings.get((int) firstVarint(label, 2))));
                }
                default -> in.skipField(tag);
            }
        }
        return new Sample(locationIds, values, labels);
    }

    /** A repeated varint field, packed (proto3's default) or not: parsers must take both. */
    private static void readVarints(CodedInputStream in, int tag, List<Long> into) throws IOException {
        if (WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
            int limit = in.pushLimit(in.readRawVarint32());
            while (in.getBytesUntilLimit() > 0) {
                into.add(in.readRawVarint64());
            }
            in.popLimit(limit);
        } else {
            into.add(in.readRawVarint64());
        }
    }

    private static long[] valueType(byte[] bytes) throws IOException {
        return new long[] {firstVarint(bytes, 1), firstVarint(bytes, 2)};
    }

    /** The varint field {@code field} of a message, 0 when absent (proto3's default). */
    private static long firstVarint(byte[] message, int field) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(message);
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (WireFormat.getTagFieldNumber(tag) == field && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_VARINT) {
                return in.readRawVarint64();
            }
            in.skipField(tag);
        }
        return 0;
    }

    /** What pprof's CheckValid and its decoder would refuse, as an assertion error. */
    public DecodedPprof checkValid() {
        if (strings.isEmpty() || !strings.get(0).isEmpty()) {
            throw new AssertionError("string table must start with \"\": " + strings.subList(0, Math.min(3, strings.size())));
        }
        for (Sample sample : samples) {
            if (sample.values().size() != sampleTypes.size()) {
                throw new AssertionError(sample.values().size() + " values vs " + sampleTypes.size() + " types");
            }
            for (long id : sample.locationIds()) {
                Location location = locations.get(id);
                if (location == null) {
                    throw new AssertionError("sample refers to location " + id + ", not in the profile");
                }
            }
        }
        for (Location location : locations.values()) {
            if (location.mappingId() != 0 && !mappingIds.contains(location.mappingId())) {
                throw new AssertionError("location refers to mapping " + location.mappingId() + ", not in the profile");
            }
            for (long function : location.functionIds()) {
                if (!functionNames.containsKey(function)) {
                    throw new AssertionError("location refers to function " + function + ", not in the profile");
                }
            }
        }
        if (mappingIds.contains(0L) || mappingIds.stream().distinct().count() != mappingIds.size()) {
            throw new AssertionError("mapping id 0 or repeated: " + mappingIds);
        }
        return this;
    }

    /** The function names of a sample's stack, leaf first as pprof stores them (inlined lines innermost first). */
    public List<String> stack(Sample sample) {
        List<String> names = new ArrayList<>();
        for (long id : sample.locationIds()) {
            for (long function : locations.get(id).functionIds()) {
                names.add(strings.get((int) (long) functionNames.get(function)));
            }
        }
        return names;
    }

    /** The one string label {@code key} of a sample. */
    public static String label(Sample sample, String key) {
        List<String> values = sample.labels().stream().filter(l -> l.getKey().equals(key)).map(Map.Entry::getValue).toList();
        if (values.size() != 1) {
            throw new AssertionError(values.size() + " labels " + key + " on " + sample);
        }
        return values.get(0);
    }

    /** The sum of one sample type's values over every sample. */
    public long total(String sampleType) {
        int index = sampleTypes.stream().map(ValueType::type).toList().indexOf(sampleType);
        if (index < 0) {
            throw new AssertionError("no sample type " + sampleType + " in " + sampleTypes);
        }
        return samples.stream().mapToLong(s -> s.values().get(index)).sum();
    }

    public String string(long index) {
        return strings.get((int) index);
    }
}

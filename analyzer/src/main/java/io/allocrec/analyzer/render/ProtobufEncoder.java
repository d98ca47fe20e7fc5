package io.allocrec.analyzer.render;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The part of the protobuf wire format a pprof profile uses, written by hand so that the
 * analyzer carries no protobuf runtime: varint fields (wire type 0), and length-delimited fields
 * (wire type 2) for strings, embedded messages and packed repeated varints. One encoder is one
 * message; an embedded message is encoded apart, then copied in with its length.
 */
final class ProtobufEncoder {

    private static final int VARINT = 0;
    private static final int LENGTH_DELIMITED = 2;

    private byte[] buffer = new byte[128];
    private int size;

    /** A varint field; negative values take ten bytes, as protobuf encodes an int64. */
    ProtobufEncoder varint(int field, long value) {
        tag(field, VARINT);
        rawVarint(value);
        return this;
    }

    ProtobufEncoder string(int field, String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        tag(field, LENGTH_DELIMITED);
        rawVarint(utf8.length);
        append(utf8, 0, utf8.length);
        return this;
    }

    ProtobufEncoder message(int field, ProtobufEncoder message) {
        tag(field, LENGTH_DELIMITED);
        rawVarint(message.size);
        append(message.buffer, 0, message.size);
        return this;
    }

    /** A packed repeated varint field (proto3's default for repeated scalars); nothing when empty. */
    ProtobufEncoder packed(int field, long[] values, int count) {
        if (count == 0) {
            return this;
        }
        int length = 0;
        for (int i = 0; i < count; i++) {
            length += varintSize(values[i]);
        }
        tag(field, LENGTH_DELIMITED);
        rawVarint(length);
        for (int i = 0; i < count; i++) {
            rawVarint(values[i]);
        }
        return this;
    }

    /** Empties the encoder for the next message, keeping its buffer. */
    ProtobufEncoder clear() {
        size = 0;
        return this;
    }

    int size() {
        return size;
    }

    void writeTo(OutputStream out) throws IOException {
        out.write(buffer, 0, size);
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buffer, size);
    }

    private void tag(int field, int wireType) {
        rawVarint(((long) field << 3) | wireType);
    }

    private void rawVarint(long value) {
        ensure(10);
        while ((value & ~0x7FL) != 0) {
            buffer[size++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        buffer[size++] = (byte) value;
    }

    private static int varintSize(long value) {
        int bytes = 1;
        while ((value & ~0x7FL) != 0) {
            value >>>= 7;
            bytes++;
        }
        return bytes;
    }

    private void append(byte[] bytes, int offset, int length) {
        ensure(length);
        System.arraycopy(bytes, offset, buffer, size, length);
        size += length;
    }

    private void ensure(int more) {
        if (size + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
        }
    }
}

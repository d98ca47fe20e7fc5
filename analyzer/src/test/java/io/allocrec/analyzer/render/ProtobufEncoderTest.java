package io.allocrec.analyzer.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hand-written encoder, read back with Google's protobuf reader. */
class ProtobufEncoderTest {

    private static final long[] VALUES = {0, 1, 127, 128, 300, 16_383, 16_384, Integer.MAX_VALUE, 1L << 35,
        Long.MAX_VALUE, -1, Long.MIN_VALUE};

    private static void assertTag(int tag, int field, int wireType) {
        assertEquals(field, WireFormat.getTagFieldNumber(tag));
        assertEquals(wireType, WireFormat.getTagWireType(tag));
    }

    @Test
    void varintsOfEverySizeReadBack() throws IOException {
        ProtobufEncoder encoder = new ProtobufEncoder();
        for (long value : VALUES) {
            encoder.varint(3, value);
        }
        CodedInputStream in = CodedInputStream.newInstance(encoder.toByteArray());
        for (long value : VALUES) {
            assertTag(in.readTag(), 3, WireFormat.WIRETYPE_VARINT);
            assertEquals(value, in.readInt64());
        }
        assertEquals(0, in.readTag(), "nothing after the last field");
        assertArrayEquals(new byte[] {(byte) 0x98, 0x01, (byte) 0xAC, 0x02},
                new ProtobufEncoder().varint(19, 300).toByteArray(), "protobuf's own example: 300 is AC 02");
    }

    @Test
    void stringsMessagesAndPackedVarintsReadBack() throws IOException {
        ProtobufEncoder inner = new ProtobufEncoder().varint(1, 7).string(2, "héllo ; 世界\n");
        ProtobufEncoder outer = new ProtobufEncoder()
                .string(6, "")
                .message(2, inner)
                .packed(1, VALUES, VALUES.length)
                .packed(4, VALUES, 0);
        CodedInputStream in = CodedInputStream.newInstance(outer.toByteArray());
        assertTag(in.readTag(), 6, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        assertEquals("", in.readStringRequireUtf8());
        assertTag(in.readTag(), 2, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        CodedInputStream message = CodedInputStream.newInstance(in.readByteArray());
        message.readTag();
        assertEquals(7, message.readInt64());
        message.readTag();
        assertEquals("héllo ; 世界\n", message.readStringRequireUtf8());
        assertEquals(0, message.readTag());
        assertTag(in.readTag(), 1, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        int limit = in.pushLimit(in.readRawVarint32());
        List<Long> packed = new ArrayList<>();
        while (in.getBytesUntilLimit() > 0) {
            packed.add(in.readInt64());
        }
        in.popLimit(limit);
        assertEquals(VALUES.length, packed.size());
        for (int i = 0; i < VALUES.length; i++) {
            assertEquals(VALUES[i], packed.get(i));
        }
        assertEquals(0, in.readTag(), "an empty packed field is left out");
    }

    @Test
    void aClearedEncoderStartsAgainAndGrowsPastItsFirstBuffer() throws IOException {
        ProtobufEncoder encoder = new ProtobufEncoder().varint(1, 5);
        encoder.clear();
        String longText = "x".repeat(10_000);
        encoder.string(1, longText);
        CodedInputStream in = CodedInputStream.newInstance(encoder.toByteArray());
        in.readTag();
        assertEquals(longText, in.readStringRequireUtf8());
        assertEquals(encoder.size(), encoder.toByteArray().length);
    }
}

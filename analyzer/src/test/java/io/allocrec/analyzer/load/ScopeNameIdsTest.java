package io.allocrec.analyzer.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * {@link ScopeNameIds}: each name written in place gets the id {@link StringIds} gives its text,
 * every time it is met, also among names its hash cannot tell apart (the same length and the same
 * first and last eight bytes).
 */
class ScopeNameIdsTest {

    @Test
    void namesAlikeAtBothEndsGetTheIdsOfTheirOwnText() throws IOException {
        List<String> names = new ArrayList<>();
        for (int version = 0; version < 40; version++) {
            names.add("GET /api/v" + (char) ('A' + version) + "/orders/list"); // alike but for one byte
        }
        names.add("x".repeat(127) + "a"); // lengths in two bytes, alike but for the last
        names.add("x".repeat(127) + "b");
        names.add("short");
        names.add("");
        List<String> written = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            written.addAll(names);
        }
        Collections.shuffle(written, new Random(7));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (String name : written) {
            byte[] text = name.getBytes(StandardCharsets.ISO_8859_1);
            bytes.write(JfrInput.STRING_LATIN1);
            writeVarint(bytes, text.length);
            bytes.write(text);
        }
        byte[] data = bytes.toByteArray();
        JfrInput in = new JfrInput(data, data.length);
        StringIds ids = new StringIds();
        ScopeNameIds nameIds = new ScopeNameIds(ids, new JfrValues(in, someMetadata(), null));
        for (String name : written) {
            assertEquals(name, ids.name(nameIds.read(in)));
        }
        assertEquals(data.length, in.position());
        assertEquals(names.size(), ids.size());
    }

    private static void writeVarint(ByteArrayOutputStream out, int value) {
        while ((value & ~0x7F) != 0) {
            out.write(value & 0x7F | 0x80);
            value >>>= 7;
        }
        out.write(value);
    }

    /** A real chunk's metadata, where JfrValues finds the String type. */
    private static JfrMetadata someMetadata() throws IOException {
        try (InputStream in = new GZIPInputStream(
                ScopeNameIdsTest.class.getResourceAsStream("/recordings/jdk17-openjdk-17.0.2.jfr.gz"))) {
            byte[] chunk = in.readAllBytes();
            int size = (int) ByteBuffer.wrap(chunk).getLong(8);
            return JfrMetadata.read(new JfrInput(chunk, size), (int) ByteBuffer.wrap(chunk).getLong(24));
        }
    }
}

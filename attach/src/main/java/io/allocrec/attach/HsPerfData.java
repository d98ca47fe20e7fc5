package io.allocrec.attach;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads a text counter from a JVM's performance data file ({@code hsperfdata_USER/PID}), the file
 * {@code jps} and {@code jcmd -l} list JVMs by. Reading it sends nothing to the JVM. The layout is
 * HotSpot's {@code PerfDataPrologue} followed by {@code PerfDataEntry} records, unchanged since JDK 1.4.2.
 */
final class HsPerfData {

    private static final int MAGIC = 0xcafec0c0;
    private static final int PROLOGUE_ENTRY_OFFSET = 24;
    private static final byte BYTE_TYPE = 'B';

    private HsPerfData() {
    }

    /** The file of a JVM of this user's, in the temporary folder HotSpot uses. */
    static Path fileOf(long pid) {
        return Path.of(System.getProperty("java.io.tmpdir"), "hsperfdata_" + System.getProperty("user.name"),
                Long.toString(pid));
    }

    /** The text counter of that name, such as {@code java.property.java.version}; empty if absent or unreadable. */
    static Optional<String> text(Path file, String counter) {
        try {
            return find(ByteBuffer.wrap(Files.readAllBytes(file)), counter);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> find(ByteBuffer data, String counter) {
        if (data.getInt(0) != MAGIC) {
            return Optional.empty();
        }
        data.order(data.get(4) == 0 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        int entry = data.getInt(PROLOGUE_ENTRY_OFFSET);
        int entries = data.getInt(PROLOGUE_ENTRY_OFFSET + 4);
        for (int i = 0; i < entries && entry > 0 && entry < data.limit(); i++) {
            int length = data.getInt(entry);
            int nameOffset = data.getInt(entry + 4);
            int vectorLength = data.getInt(entry + 8);
            byte type = data.get(entry + 12);
            int dataOffset = data.getInt(entry + 16);
            if (type == BYTE_TYPE && vectorLength > 0 && counter.equals(nulTerminated(data, entry + nameOffset, length))) {
                return Optional.of(nulTerminated(data, entry + dataOffset, vectorLength));
            }
            if (length <= 0) {
                break;
            }
            entry += length;
        }
        return Optional.empty();
    }

    private static String nulTerminated(ByteBuffer data, int start, int maxLength) {
        int end = start;
        while (end < data.limit() && end - start < maxLength && data.get(end) != 0) {
            end++;
        }
        byte[] bytes = new byte[end - start];
        data.get(start, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}

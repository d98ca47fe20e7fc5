package io.allocrec.analyzer.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A stream over one region of a file, opened by the thread that reads it. */
final class FileRegion extends InputStream {

    /**
     * The most read at once. A channel reads into a heap array through a direct buffer as large as
     * the read, cached per thread: reading a 16 MB chunk at once would keep 16 MB outside the heap
     * for each parsing thread.
     */
    private static final int MAX_READ = 256 * 1024;

    private final FileChannel channel;
    private long position;
    private final long end;

    FileRegion(Path file, long offset, long length) throws IOException {
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        this.position = offset;
        this.end = offset + length;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int from, int length) throws IOException {
        if (position >= end) {
            return -1;
        }
        int wanted = (int) Math.min(Math.min(length, MAX_READ), end - position);
        int n = channel.read(ByteBuffer.wrap(buffer, from, wanted), position);
        if (n > 0) {
            position += n;
        }
        return n;
    }

    @Override
    public long skip(long bytes) {
        long skipped = Math.max(0, Math.min(bytes, end - position));
        position += skipped;
        return skipped;
    }

    @Override
    public int available() {
        return (int) Math.min(Integer.MAX_VALUE, end - position);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}

package io.allocrec.example;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One persistent HTTP/1.1 connection to 127.0.0.1 for {@link LoadClient}: sends a GET, reads the
 * status and skips the body. Plain blocking socket code on purpose: the JDK's HttpClient costs
 * about as much CPU per request as the example service itself, so a load generator built on it
 * saturates its own core first, and then measures the client, not the service.
 */
final class KeepAliveConnection implements Closeable {

    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final int READ_TIMEOUT_MILLIS = 10_000;
    private static final int MAX_HEADER_LINE = 8_192;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] skipBuffer = new byte[16_384];
    private final StringBuilder line = new StringBuilder();
    private boolean open = true;

    private KeepAliveConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream(), 16_384);
        this.out = socket.getOutputStream();
    }

    /** Connects to 127.0.0.1 (IPv4 loopback, whatever a hosts file says) on {@code port}. */
    static KeepAliveConnection open(int port) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            socket.connect(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port),
                    CONNECT_TIMEOUT_MILLIS);
            return new KeepAliveConnection(socket);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** The bytes of {@code GET path} for a server on 127.0.0.1:{@code port}. */
    static byte[] request(String path, int port) {
        return ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Sends a request made by {@link #request} and reads the whole response; returns its status
     * code. Throws if the response cannot be read to its end: then, as when {@link #isOpen} turns
     * false, this connection is done and the caller opens another.
     */
    int exchange(byte[] request) throws IOException {
        out.write(request);
        out.flush();
        String status = readLine();
        // "HTTP/1.1 200 OK"
        if (!status.startsWith("HTTP/1.") || status.length() < 12) {
            throw new IOException("not an HTTP response: " + status);
        }
        int code = Integer.parseInt(status.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        // HTTP/1.0 closes after each response unless asked to keep the connection alive.
        boolean closing = status.startsWith("HTTP/1.0");
        for (String header = readLine(); !header.isEmpty(); header = readLine()) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring("content-length:".length()).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            } else if (lower.startsWith("connection:")) {
                closing = lower.contains("close") || (closing && !lower.contains("keep-alive"));
            }
        }
        if (code / 100 == 1 || code == 204 || code == 304) {
            // No body, whatever the headers say (RFC 9112, section 6.3).
        } else if (chunked) {
            for (long size = chunkSize(); size > 0; size = chunkSize()) {
                skip(size);
                readLine();
            }
            // Trailers, if any, end with an empty line.
            while (!readLine().isEmpty()) {
                // skip
            }
        } else if (length >= 0) {
            skip(length);
        } else {
            // The body runs to the end of the connection.
            while (in.read(skipBuffer) >= 0) {
                // skip
            }
            closing = true;
        }
        open = !closing;
        return code;
    }

    /** False once the server said it closes the connection after the last response. */
    boolean isOpen() {
        return open;
    }

    private long chunkSize() throws IOException {
        String size = readLine();
        int extension = size.indexOf(';');
        return Long.parseLong((extension >= 0 ? size.substring(0, extension) : size).trim(), 16);
    }

    private String readLine() throws IOException {
        line.setLength(0);
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the server closed the connection");
            }
            if (b == '\n') {
                int end = line.length();
                return line.substring(0, end > 0 && line.charAt(end - 1) == '\r' ? end - 1 : end);
            }
            if (line.length() == MAX_HEADER_LINE) {
                throw new IOException("a header line longer than " + MAX_HEADER_LINE + " bytes");
            }
            line.append((char) b);
        }
    }

    private void skip(long bytes) throws IOException {
        long left = bytes;
        while (left > 0) {
            int read = in.read(skipBuffer, 0, (int) Math.min(left, skipBuffer.length));
            if (read < 0) {
                throw new EOFException("the server closed the connection in a response body");
            }
            left -= read;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

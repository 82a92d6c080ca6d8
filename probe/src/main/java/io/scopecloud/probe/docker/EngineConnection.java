package io.scopecloud.probe.docker;

import static java.util.Objects.requireNonNull;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One blocking connection to the engine's UNIX socket for the streaming endpoints (events, logs,
 * attach and exec, whose connection the engine hijacks for raw bytes both ways). The JDK's own
 * channel, as the plugin client uses: no native library to unpack, and it is what junixsocket
 * would give us here. Its streams call the channel directly, because the JDK's
 * {@code Channels.newInputStream/newOutputStream} share the channel's blocking lock, so a read
 * waiting for a shell's output would hold up the keystrokes written to it. Closing from any thread
 * ends a blocked read.
 */
final class EngineConnection implements Closeable {
    private static final int MAX_HEAD_BYTES = 64 * 1024;

    private final SocketChannel channel;
    private final ChannelInput in;
    private final ChannelOutput out;

    /** The status line and headers of a response (header names in lower case). */
    record Head(int status, Map<String, String> headers) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        boolean chunked() {
            String te = header("transfer-encoding");
            return te != null && te.toLowerCase(Locale.ROOT).contains("chunked");
        }
    }

    private EngineConnection(SocketChannel channel) {
        this.channel = channel;
        this.in = new ChannelInput(channel);
        this.out = new ChannelOutput(channel);
    }

    static EngineConnection open(Path socket) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
            return new EngineConnection(channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Sends a request. {@code upgrade} asks the engine to hijack the connection
     * ({@code Connection: Upgrade}, {@code Upgrade: tcp}), as the Docker CLI does for attach and exec.
     */
    void send(String method, String target, byte[] jsonBody, boolean upgrade) throws IOException {
        byte[] body = jsonBody == null ? new byte[0] : jsonBody;
        StringBuilder head = new StringBuilder(192)
                .append(method)
                .append(' ')
                .append(target)
                .append(" HTTP/1.1\r\nHost: docker\r\nUser-Agent: Scope_Probe\r\n");
        if (jsonBody != null) {
            head.append("Content-Type: application/json\r\n");
        }
        if (jsonBody != null || !method.equals("GET")) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append(upgrade ? "Connection: Upgrade\r\nUpgrade: tcp\r\n" : "Connection: close\r\n");
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    /** Reads the response head; what follows stays in the stream. */
    Head readHead() throws IOException {
        return parseHead(in);
    }

    /** Parses an HTTP/1.x response head from a stream, leaving the body unread. */
    static Head parseHead(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int status = -1;
        Map<String, String> headers = new HashMap<>();
        int total = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the engine closed the connection before answering");
            }
            if (++total > MAX_HEAD_BYTES) {
                throw new IOException("response head longer than " + MAX_HEAD_BYTES + " bytes");
            }
            if (b != '\n') {
                if (b != '\r') {
                    line.append((char) b);
                }
                continue;
            }
            String text = line.toString();
            line.setLength(0);
            if (status < 0) {
                String[] parts = text.split(" ", 3);
                if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
                    throw new IOException("malformed HTTP status line: " + text);
                }
                try {
                    status = Integer.parseInt(parts[1]);
                } catch (NumberFormatException e) {
                    throw new IOException("malformed HTTP status line: " + text, e);
                }
            } else if (text.isEmpty()) {
                return new Head(status, headers);
            } else {
                int colon = text.indexOf(':');
                if (colon <= 0) {
                    throw new IOException("malformed HTTP header: " + text);
                }
                headers.put(
                        text.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        text.substring(colon + 1).trim());
            }
        }
    }

    /**
     * The body of a streamed response: chunked, of a given length, or up to the end of the
     * connection (also the case of a hijacked one).
     */
    InputStream body(Head head) {
        return body(head, in);
    }

    static InputStream body(Head head, InputStream in) {
        if (head.status() == 101) {
            return in;
        }
        if (head.chunked()) {
            return new ChunkedInputStream(in);
        }
        String length = head.header("content-length");
        if (length != null) {
            try {
                return new BoundedInputStream(in, Long.parseLong(length.trim()));
            } catch (NumberFormatException e) {
                return in;
            }
        }
        return in;
    }

    /** The raw bytes of the connection (for reading a response body directly). */
    InputStream input() {
        return in;
    }

    /** Writes to the connection (a hijacked one's stdin). */
    OutputStream output() {
        return out;
    }

    /** Half-closes: the engine sees the end of stdin, the output keeps flowing. */
    void shutdownOutput() {
        try {
            channel.shutdownOutput();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    /** A buffered reader straight on the channel (see the class comment). */
    private static final class ChannelInput extends InputStream {
        private final SocketChannel channel;
        private final ByteBuffer buffer = ByteBuffer.allocate(8192).flip();

        ChannelInput(SocketChannel channel) {
            this.channel = channel;
        }

        private boolean fill() throws IOException {
            if (buffer.hasRemaining()) {
                return true;
            }
            buffer.clear();
            int n;
            try {
                n = channel.read(buffer);
            } catch (java.nio.channels.AsynchronousCloseException e) {
                n = -1; // closed by another thread: the stream ends
            }
            buffer.flip();
            return n > 0;
        }

        @Override
        public int read() throws IOException {
            return fill() ? buffer.get() & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, buffer.remaining());
            buffer.get(b, off, n);
            return n;
        }

        @Override
        public int available() {
            return buffer.remaining();
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    /** Writes straight to the channel. */
    private static final class ChannelOutput extends OutputStream {
        private final SocketChannel channel;

        ChannelOutput(SocketChannel channel) {
            this.channel = channel;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            ByteBuffer data = ByteBuffer.wrap(b, off, len);
            synchronized (this) {
                while (data.hasRemaining()) {
                    channel.write(data);
                }
            }
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    /** A body of known length. */
    private static final class BoundedInputStream extends InputStream {
        private final InputStream in;
        private long remaining;

        BoundedInputStream(InputStream in, long length) {
            this.in = requireNonNull(in, "in is null");
            this.remaining = length;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}

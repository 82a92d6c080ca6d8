package io.scopecloud.probe.plugins;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@link UnixHttpClient} on the JDK's own UNIX-domain {@link SocketChannel} (Java 16+), with no
 * native library to unpack. The channel is non-blocking and driven by a selector so that one
 * deadline bounds the connect, the write and every read; one connection per request
 * ({@code Connection: close}), which is cheap on a local socket and needs no pool. Thread-safe:
 * the spy loop polls reports while control threads post controls.
 */
public final class SocketChannelHttpClient implements UnixHttpClient {
    static final String TOO_LARGE = "response must be shorter than 50MB";

    private final String userAgent;

    public SocketChannelHttpClient(String userAgent) {
        this.userAgent = requireNonNull(userAgent, "userAgent is null");
    }

    @Override
    public UnixHttpResponse exchange(Path socket, UnixHttpRequest request, Duration timeout, long maxBodyBytes)
            throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
                Selector selector = Selector.open()) {
            channel.configureBlocking(false);
            if (!channel.connect(UnixDomainSocketAddress.of(socket))) {
                channel.register(selector, SelectionKey.OP_CONNECT);
                while (!channel.finishConnect()) {
                    await(selector, deadline, "dial");
                }
            }
            ByteBuffer out = ByteBuffer.wrap(request.encode(userAgent));
            SelectionKey key = channel.register(selector, SelectionKey.OP_WRITE);
            while (out.hasRemaining()) {
                if (channel.write(out) == 0) {
                    await(selector, deadline, "write");
                }
            }
            key.interestOps(SelectionKey.OP_READ);
            HttpResponseReader reader = new HttpResponseReader(maxBodyBytes, TOO_LARGE);
            ByteBuffer readBuffer = ByteBuffer.allocate(16 * 1024);
            while (true) {
                readBuffer.clear();
                int n = channel.read(readBuffer);
                if (n < 0) {
                    reader.finish();
                    return reader.response();
                }
                if (n == 0) {
                    await(selector, deadline, "read");
                    continue;
                }
                if (reader.feed(readBuffer.array(), 0, n)) {
                    return reader.response();
                }
            }
        }
    }

    private static void await(Selector selector, long deadline, String what) throws IOException {
        long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
        if (remainingMillis <= 0) {
            throw new SocketTimeoutException(what + " timed out");
        }
        selector.select(remainingMillis);
        selector.selectedKeys().clear();
        if (deadline - System.nanoTime() <= 0) {
            throw new SocketTimeoutException(what + " timed out");
        }
    }
}

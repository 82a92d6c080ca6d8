package io.scopecloud.ops;

import java.time.Duration;
import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Cuts off a request body its client sends too slowly (one that trickles in to pin a worker
 * thread), measuring the client and not the server: see {@link BodyPace}. A body found too slow
 * fails the application's next read with Jetty's 408 {@link BadMessageException}, which
 * {@link BadMessageMapper} answers. It replaces Jetty's own {@code minRequestDataPerSecond},
 * which counts the time since the application's first read and so answered 408 to a small body
 * long arrived when the server itself paused between two reads. A client that sends nothing at
 * all is closed by the connector's idle timeout.
 */
final class SlowBodyGuard extends Handler.Wrapper {
    /** How long the server waits for a body in all before it judges its pace. */
    static final Duration GRACE = Duration.ofSeconds(1);

    private final long minBytesPerSecond;

    SlowBodyGuard(long minBytesPerSecond) {
        if (minBytesPerSecond <= 0) {
            throw new IllegalArgumentException("minBytesPerSecond must be positive: " + minBytesPerSecond);
        }
        this.minBytesPerSecond = minBytesPerSecond;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!hasBody(request)) {
            return super.handle(request, response, callback);
        }
        return super.handle(
                new PacedRequest(request, new BodyPace(minBytesPerSecond, GRACE.toNanos())), response, callback);
    }

    private static boolean hasBody(Request request) {
        long length = request.getLength();
        return length > 0 || (length < 0 && request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING));
    }

    /** The request whose reads and demands keep its body's {@link BodyPace}. */
    private final class PacedRequest extends Request.Wrapper {
        private final BodyPace pace;
        private Content.Chunk failure;

        PacedRequest(Request wrapped, BodyPace pace) {
            super(wrapped);
            this.pace = pace;
        }

        @Override
        public Content.Chunk read() {
            synchronized (pace) {
                if (failure != null) {
                    return failure;
                }
            }
            Content.Chunk chunk = super.read();
            long now = System.nanoTime();
            synchronized (pace) {
                if (chunk == null) {
                    pace.waiting(now);
                    return null;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    return chunk;
                }
                if (!pace.arrived(chunk.remaining(), chunk.isLast(), now)) {
                    return chunk;
                }
                chunk.release();
                failure = Content.Chunk.from(
                        new BadMessageException(
                                HttpStatus.REQUEST_TIMEOUT_408,
                                "Request body slower than " + minBytesPerSecond + " B/s"),
                        true);
                return failure;
            }
        }

        @Override
        public void demand(Runnable demandCallback) {
            synchronized (pace) {
                if (failure != null) {
                    demandCallback.run();
                    return;
                }
            }
            super.demand(() -> {
                long now = System.nanoTime();
                synchronized (pace) {
                    pace.woken(now);
                }
                demandCallback.run();
            });
        }
    }
}

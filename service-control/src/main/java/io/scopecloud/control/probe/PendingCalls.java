package io.scopecloud.control.probe;

import com.fasterxml.jackson.databind.JsonNode;
import io.scopecloud.control.rpc.ControlFailure;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The calls of one connection that await an answer, by Seq. Answers may arrive in any order. Once
 * the connection is closed, every outstanding call fails at once and new ones fail immediately, so
 * no caller waits for a timeout on a connection that is gone. Thread-safe.
 */
final class PendingCalls {
    private final ConcurrentHashMap<Long, CompletableFuture<JsonNode>> calls = new ConcurrentHashMap<>();
    private volatile @Nullable Supplier<ControlFailure> closed;

    /** A new outstanding call; already failed if the connection is closed. */
    CompletableFuture<JsonNode> open(long seq) {
        CompletableFuture<JsonNode> call = new CompletableFuture<>();
        calls.put(seq, call);
        Supplier<ControlFailure> failure = closed; // read after the put: see closeAll
        if (failure != null) {
            calls.remove(seq);
            call.completeExceptionally(failure.get());
        }
        return call;
    }

    /** Completes call {@code seq}; false if nobody waits for it any more (late or unknown). */
    boolean complete(long seq, JsonNode value) {
        CompletableFuture<JsonNode> call = calls.remove(seq);
        return call != null && call.complete(value);
    }

    boolean fail(long seq, ControlFailure failure) {
        CompletableFuture<JsonNode> call = calls.remove(seq);
        return call != null && call.completeExceptionally(failure);
    }

    /** Forgets a call its caller gave up on (timed out). */
    void abandon(long seq) {
        calls.remove(seq);
    }

    /** Fails every outstanding call, and every later one, with a fresh failure from {@code failure}. */
    void closeAll(Supplier<ControlFailure> failure) {
        closed = failure; // written before the sweep, so a concurrent open() either sees it or is swept
        for (Long seq : calls.keySet()) {
            CompletableFuture<JsonNode> call = calls.remove(seq);
            if (call != null) {
                call.completeExceptionally(failure.get());
            }
        }
    }

    int size() {
        return calls.size();
    }
}

package io.scopecloud.control.probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.scopecloud.control.rpc.ControlFailure;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class PendingCallsTest {
    private final PendingCalls calls = new PendingCalls();

    @Test
    void completesTheCallWithTheMatchingSeqOnly() {
        CompletableFuture<JsonNode> one = calls.open(1);
        CompletableFuture<JsonNode> two = calls.open(2);

        assertThat(calls.complete(2, TextNode.valueOf("b"))).isTrue();

        assertThat(two).isCompletedWithValue(TextNode.valueOf("b"));
        assertThat(one).isNotDone();
        assertThat(calls.complete(2, TextNode.valueOf("again"))).isFalse();
        assertThat(calls.complete(99, TextNode.valueOf("unknown"))).isFalse();
    }

    @Test
    void failsEveryOutstandingAndEveryLaterCallOnceClosed() {
        CompletableFuture<JsonNode> one = calls.open(1);
        calls.closeAll(() -> ControlFailure.disconnected("p"));

        assertThat(one).isCompletedExceptionally();
        assertThat(calls.open(2)).isCompletedExceptionally();
        assertThat(calls.size()).isZero();
    }
}

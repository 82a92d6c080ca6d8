package io.scopecloud.query.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.scopecloud.query.Collected;
import io.scopecloud.report.Report;
import java.lang.ref.WeakReference;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RenderContextTest {
    private final RenderContext ctx = new RenderContext(Report.empty(), Instant.parse("2026-12-07T00:00:00Z"));
    private final AtomicInteger computed = new AtomicInteger();

    @Test
    void aWeaklyMemoisedValueIsComputedOnceWhileSomethingHoldsIt() {
        Object first = ctx.memoiseWeakly("nodes", this::compute);
        Object again = ctx.memoiseWeakly("nodes", this::compute);

        assertThat(again).isSameAs(first);
        assertThat(computed).hasValue(1);
    }

    @Test
    void aWeaklyMemoisedValueNobodyHoldsIsLetGoAndComputedAgainWhenAsked() throws Exception {
        WeakReference<Object> first = new WeakReference<>(ctx.memoiseWeakly("nodes", this::compute));
        Object strong = ctx.memoise("answer", this::compute);
        Collected.await(first);
        assertThat(first.get()).as("the memo alone does not keep it").isNull();

        Object again = ctx.memoiseWeakly("nodes", this::compute);

        assertThat(again).isNotNull();
        assertThat(computed).hasValue(3);
        assertThat(ctx.memoise("answer", this::compute))
                .as("memoise keeps what it computed")
                .isSameAs(strong);
        assertThat(computed).hasValue(3);
    }

    @Test
    void concurrentCallersWaitForOneComputation() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Object> first = CompletableFuture.supplyAsync(() -> ctx.memoiseWeakly("nodes", () -> {
            started.countDown();
            await(release);
            return compute();
        }));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Object> second =
                CompletableFuture.supplyAsync(() -> ctx.memoiseWeakly("nodes", this::compute));
        Thread.sleep(50);
        assertThat(second).as("waits for the first caller's computation").isNotDone();

        release.countDown();

        assertThat(second.get(10, TimeUnit.SECONDS)).isSameAs(first.get(10, TimeUnit.SECONDS));
        assertThat(computed).hasValue(1);
    }

    private Object compute() {
        computed.incrementAndGet();
        return new Object();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

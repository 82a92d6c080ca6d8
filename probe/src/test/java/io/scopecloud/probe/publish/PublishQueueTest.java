package io.scopecloud.probe.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PublishQueueTest {
    private static PublishQueue.Item item(int n, boolean shortcut) {
        return new PublishQueue.Item(new byte[] {(byte) n}, shortcut);
    }

    @Test
    void aNormalReportEvictsTheOldestWhenFull() throws InterruptedException {
        PublishQueue queue = new PublishQueue(2);
        assertThat(queue.offer(item(1, false))).isTrue();
        assertThat(queue.offer(item(2, false))).isTrue();
        assertThat(queue.offer(item(3, false))).isFalse();

        assertThat(queue.take().body()).containsExactly(2);
        assertThat(queue.take().body()).containsExactly(3);
        assertThat(queue.size()).isZero();
        assertThat(queue.dropped()).isEqualTo(1);
    }

    @Test
    void aShortcutIsDroppedWhenFull() throws InterruptedException {
        PublishQueue queue = new PublishQueue(2);
        queue.offer(item(1, false));
        queue.offer(item(2, false));

        assertThat(queue.offer(item(3, true))).isFalse();
        assertThat(queue.take().body()).containsExactly(1);
        assertThat(queue.size()).isEqualTo(1);
    }

    @Test
    void takeWaitsForAnItem() throws Exception {
        PublishQueue queue = new PublishQueue(2);
        CompletableFuture<PublishQueue.Item> taken = CompletableFuture.supplyAsync(() -> {
            try {
                return queue.take();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(50);
        assertThat(taken).isNotDone();

        queue.offer(item(7, false));
        assertThat(taken.get(5, TimeUnit.SECONDS).body()).containsExactly(7);
    }
}

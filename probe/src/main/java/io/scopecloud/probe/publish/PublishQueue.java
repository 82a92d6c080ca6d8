package io.scopecloud.probe.publish;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Scope's two-slot send queue: when it is full, a normal report evicts the oldest queued one (a
 * fresh report supersedes a stale one) and a shortcut report is dropped (the next normal report
 * carries the same change). Thread-safe.
 */
public final class PublishQueue {
    /** An encoded report waiting to be sent. */
    @SuppressWarnings("ArrayRecordComponent") // a value carrier: never compared or hashed
    public record Item(byte[] body, boolean shortcut) {}

    private final int capacity;
    private final Deque<Item> items = new ArrayDeque<>();
    private long dropped;

    public PublishQueue(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
    }

    /** Queues an item; returns false if something was dropped to respect the capacity. */
    public synchronized boolean offer(Item item) {
        boolean kept = true;
        if (items.size() >= capacity) {
            dropped++;
            if (item.shortcut()) {
                return false;
            }
            items.removeFirst();
            kept = false;
        }
        items.addLast(item);
        notifyAll();
        return kept;
    }

    /** Waits for an item. */
    public synchronized Item take() throws InterruptedException {
        while (items.isEmpty()) {
            wait();
        }
        return items.removeFirst();
    }

    public synchronized int size() {
        return items.size();
    }

    /** How many reports were dropped because the queue was full. */
    public synchronized long dropped() {
        return dropped;
    }
}

package io.scopecloud.query.window;

import io.scopecloud.query.owner.Ownership;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The report partitions this instance holds whole: given to it by the consumer group and read
 * from the start of the window up to where they ended when given. Until then an org of such a
 * partition would be answered from part of its window, so requests wait for it (see {@code
 * OrgRequests}); when partitions go to another instance, the orgs' open websockets are told.
 * Written by the consumer thread, read by request threads.
 */
public final class HeldPartitions {
    private final Set<Integer> held = new HashSet<>();
    private final Set<Integer> rebuilding = new HashSet<>();
    private final List<Consumer<Predicate<UUID>>> revocationListeners = new CopyOnWriteArrayList<>();
    private int partitionCount;

    /** Tells {@code listener} which orgs moved away whenever partitions are taken from this instance. */
    public void onRevoked(Consumer<Predicate<UUID>> listener) {
        revocationListeners.add(listener);
    }

    /** Whether this instance holds the whole window of {@code org}'s partition. */
    public synchronized boolean holds(UUID org) {
        return partitionCount > 0 && held.contains(Ownership.partition(org, partitionCount));
    }

    /** Whether every partition given to this instance has been read up to its end at the time. */
    public synchronized boolean allRebuilt() {
        return rebuilding.isEmpty();
    }

    /** Waits until the partitions change or {@code max} passes. */
    public synchronized void awaitChange(Duration max) throws InterruptedException {
        wait(Math.max(1, max.toMillis()));
    }

    synchronized void assigned(Collection<Integer> partitions, int count) {
        partitionCount = count;
        rebuilding.addAll(partitions);
        notifyAll();
    }

    synchronized void rebuilt(int partition) {
        if (rebuilding.remove(partition)) {
            held.add(partition);
            notifyAll();
        }
    }

    void revoked(Collection<Integer> partitions) {
        Set<Integer> gone = Set.copyOf(partitions);
        int count;
        synchronized (this) {
            held.removeAll(gone);
            rebuilding.removeAll(gone);
            count = partitionCount;
            notifyAll();
        }
        if (count > 0 && !gone.isEmpty()) {
            Predicate<UUID> moved = org -> gone.contains(Ownership.partition(org, count));
            revocationListeners.forEach(l -> l.accept(moved));
        }
    }
}

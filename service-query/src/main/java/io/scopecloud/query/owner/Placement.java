package io.scopecloud.query.owner;

import static java.util.Objects.requireNonNull;

import io.scopecloud.query.window.HeldPartitions;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * Where a request for an org is answered: forwarded to the instance that owns it, or here. While
 * the consumer group moves the org (a rebalance when an instance starts or stops) neither may hold
 * its whole window for a few seconds; a request then waits, up to {@code handOver}, for an owner
 * that does, rather than answering an empty or partial map.
 */
public final class Placement {
    private static final Duration RECHECK = Duration.ofMillis(250);

    private final Ownership ownership;
    private final HeldPartitions held;
    private final Duration handOver;

    public Placement(Ownership ownership, HeldPartitions held, Duration handOver) {
        this.ownership = requireNonNull(ownership, "ownership is null");
        this.held = requireNonNull(held, "held is null");
        this.handOver = requireNonNull(handOver, "handOver is null");
    }

    /**
     * The other instance to forward {@code org}'s request to, or empty to answer here. A request
     * another instance forwarded is answered here whatever the group says, so it never loops.
     */
    public Optional<URI> remoteOwner(UUID org, boolean forwarded) {
        long deadline = System.nanoTime() + handOver.toNanos();
        while (true) {
            Optional<URI> owner = forwarded ? Optional.empty() : ownership.remoteOwner(org);
            if (owner.isPresent() || held.holds(org) || System.nanoTime() > deadline) {
                return owner;
            }
            try {
                held.awaitChange(RECHECK);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
            ownership.invalidate();
        }
    }

    /**
     * True when {@code org}'s request is answered here at once: this instance holds the org's window (the group gave
     * it the partition and it has read it) and the last map of the group read names no other owner (or another
     * instance forwarded the request). Never waits nor asks Kafka: a caller that gets false takes the full path
     * ({@link #remoteOwner}), which refreshes the map, waits out a hand-over or forwards.
     */
    public boolean answersHereNow(UUID org, boolean forwarded) {
        return held.holds(org)
                && (forwarded || ownership.lastKnownRemoteOwner(org).isEmpty());
    }

    /** The owner did not answer (it is gone, its group session not yet expired): ask the group again. */
    public void ownerUnreachable() {
        ownership.invalidate();
    }
}
